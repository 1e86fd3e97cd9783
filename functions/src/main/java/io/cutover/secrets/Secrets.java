package io.cutover.secrets;

/** Port: credentials by Secrets Manager ARN (RDS-style secret JSON: username, password). */
public interface Secrets {
    DbCredentials credentials(String secretArn);
}
