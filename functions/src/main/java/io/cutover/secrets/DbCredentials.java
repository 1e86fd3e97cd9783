package io.cutover.secrets;

/** Database credentials read from Secrets Manager. Never logged: toString hides the password. */
public record DbCredentials(String username, String password) {
    @Override
    public String toString() {
        return "DbCredentials[username=" + username + ", password=***]";
    }
}
