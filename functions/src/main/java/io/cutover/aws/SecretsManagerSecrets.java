package io.cutover.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link Secrets} on Secrets Manager: GetSecretValue of an RDS-style secret
 * ({@code {"username": ..., "password": ..., "host": ..., "port": ...}}).
 *
 * <p>Credentials are kept per container for a few minutes: they rotate rarely, and a run's steps
 * would otherwise read the same secret again and again. Nothing thrown here carries the secret
 * string: JSON parser messages quote the input, so they are dropped, not wrapped.
 */
public final class SecretsManagerSecrets implements Secrets {

    static final String SERVICE = "SecretsManager";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final SecretsManagerClient secretsManager;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretsManagerSecrets(SecretsManagerClient secretsManager) {
        this(secretsManager, DEFAULT_TTL, Clock.systemUTC());
    }

    public SecretsManagerSecrets(SecretsManagerClient secretsManager, Duration ttl, Clock clock) {
        this.secretsManager = secretsManager;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public DbCredentials credentials(String secretArn) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretArn);
        if (cached != null && now.isBefore(cached.expires())) return cached.credentials();
        DbCredentials fresh = parse(secretArn, fetch(secretArn));
        cache.put(secretArn, new Cached(fresh, now.plus(ttl)));
        return fresh;
    }

    /** Read each time (not cached): only the names leave this method, never a value. */
    @Override
    public Set<String> keyNames(String secretArn) {
        Set<String> names = new TreeSet<>();
        json(secretArn, fetch(secretArn)).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String fetch(String secretArn) {
        try {
            String secret = secretsManager.getSecretValue(r -> r.secretId(secretArn)).secretString();
            if (secret == null) throw new IllegalStateException("secret " + secretArn + " has no SecretString (binary secrets are not supported)");
            return secret;
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "GetSecretValue", e);
        }
    }

    private static DbCredentials parse(String secretArn, String secret) {
        JsonNode json = json(secretArn, secret);
        return new DbCredentials(field(secretArn, json, "username"), field(secretArn, json, "password"));
    }

    private static JsonNode json(String secretArn, String secret) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(secret);
        } catch (IOException e) {
            // No cause and no parser message: both quote the secret text.
            throw new IllegalStateException("secret " + secretArn + " is not a JSON object");
        }
        if (json == null || !json.isObject()) throw new IllegalStateException("secret " + secretArn + " is not a JSON object");
        return json;
    }

    private static String field(String secretArn, JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalStateException("secret " + secretArn + " has no text field '" + name + "'");
        }
        return value.asText();
    }

    private record Cached(DbCredentials credentials, Instant expires) {
    }
}
