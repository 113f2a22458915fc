package dev.memax.sdk.models;

/**
 * The answer of signup: the same whether the email was free or already had an account (the
 * server does not tell). Sign in with {@code auth().login(email, password)} next.
 *
 * @param status {@code accepted}
 * @param email  the email as sent (trimmed)
 * @param next   what to call next: {@code POST /v1/auth/login}
 */
public record SignupAccepted(String status, String email, String next) {}
