package io.cutover.rehearsal.local;

import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager for the rehearsal: secrets by ARN, in memory, never printed. Like the secrets
 * DMS reads, a secret for an endpoint holds host and port besides username and password; one
 * registered without them is like an RDS-managed master user secret, which DMS cannot use.
 */
public final class LocalSecrets implements Secrets {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    /** @param host null for a login-only secret (username and password) */
    private record Secret(DbCredentials credentials, String host, Integer port) {
    }

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    /** A login-only secret (username, password). @return the ARN under which it can be read */
    public String register(String name, DbCredentials credentials) {
        return put(name, new Secret(credentials, null, null));
    }

    /** A secret a DMS endpoint can use: username, password, host and port. @return its ARN */
    public String register(String name, DbCredentials credentials, String host, int port) {
        return put(name, new Secret(credentials, host, port));
    }

    private String put(String name, Secret secret) {
        String arn = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rehearsal/" + name + "-AbCdEf";
        secrets.put(arn, secret);
        return arn;
    }

    @Override
    public DbCredentials credentials(String secretArn) {
        return secret(secretArn).credentials();
    }

    @Override
    public Set<String> keyNames(String secretArn) {
        Secret s = secret(secretArn);
        Set<String> names = new TreeSet<>(Set.of("username", "password"));
        if (s.host() != null) names.addAll(Set.of("host", "port"));
        return names;
    }

    /** Where DMS connects with this secret: its host and port; empty for a login-only secret. */
    public java.util.Optional<Map.Entry<String, Integer>> address(String secretArn) {
        Secret s = secret(secretArn);
        return s.host() == null ? java.util.Optional.empty() : java.util.Optional.of(Map.entry(s.host(), s.port()));
    }

    private Secret secret(String secretArn) {
        Secret s = secrets.get(secretArn);
        if (s == null) throw new IllegalArgumentException("Secrets Manager can't find the specified secret: " + secretArn);
        return s;
    }
}
