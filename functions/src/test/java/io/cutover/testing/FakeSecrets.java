package io.cutover.testing;

import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager for unit tests: each secret a set of key names. A secret not set up holds what
 * a DMS endpoint needs (host, port, username, password).
 */
public final class FakeSecrets implements Secrets {
    public static final Set<String> ENDPOINT_KEYS = Set.of("host", "port", "username", "password");
    public final Map<String, Set<String>> keys = new ConcurrentHashMap<>();

    @Override
    public DbCredentials credentials(String secretArn) {
        return new DbCredentials("user", "fake-password");
    }

    @Override
    public Set<String> keyNames(String secretArn) {
        return keys.getOrDefault(secretArn, ENDPOINT_KEYS);
    }
}
