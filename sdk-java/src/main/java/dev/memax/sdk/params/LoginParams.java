package dev.memax.sdk.params;

/**
 * Body of {@code POST /v1/auth/login}.
 *
 * @param email    the login email
 * @param password the password
 */
public record LoginParams(String email, String password) {
    public LoginParams {
        Checks.required(email, "email");
        Checks.required(password, "password");
    }

    @Override
    public String toString() {
        return "LoginParams[email=" + email + "]";
    }
}
