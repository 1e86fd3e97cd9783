package io.cutover.secrets;

import java.util.Set;

/** Port: credentials by Secrets Manager ARN (RDS-style secret JSON: username, password, host, port). */
public interface Secrets {
    DbCredentials credentials(String secretArn);

    /**
     * The names of the secret's JSON keys - never their values - to check that a secret holds
     * what its user reads (a DMS endpoint reads host, port, username and password).
     */
    Set<String> keyNames(String secretArn);
}
