package dev.memax.sdk.models;

/**
 * The answer of signup and login: the user and a fresh token pair.
 *
 * @param user   the signed-up or logged-in user
 * @param tokens the new session's tokens
 */
public record AuthResult(User user, Tokens tokens) {}
