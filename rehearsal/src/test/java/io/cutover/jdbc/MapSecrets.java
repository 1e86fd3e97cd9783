package io.cutover.jdbc;

import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets for tests: fake ARNs mapped to a local cluster's credentials. */
final class MapSecrets implements Secrets {

    private final Map<String, DbCredentials> byArn = new ConcurrentHashMap<>();

    MapSecrets put(String arn, DbCredentials credentials) {
        byArn.put(arn, credentials);
        return this;
    }

    @Override
    public DbCredentials credentials(String secretArn) {
        DbCredentials credentials = byArn.get(secretArn);
        if (credentials == null) throw new IllegalArgumentException("no secret " + secretArn);
        return credentials;
    }

    @Override
    public Set<String> keyNames(String secretArn) {
        credentials(secretArn);
        return Set.of("username", "password");
    }
}
