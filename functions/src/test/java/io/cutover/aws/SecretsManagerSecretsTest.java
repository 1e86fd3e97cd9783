package io.cutover.aws;

import io.cutover.testing.MutableClock;
import static io.cutover.aws.StubAws.JSON_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.secrets.DbCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerSecretsTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-app-AbCdEf";
    private static final String OTHER = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing-app-GhIjKl";
    /** The password in the recorded secrets: must never show in an exception. */
    private static final String PASSWORD = "Sup3r-S3cret!pw";

    @RegisterExtension
    final StubAws aws = StubAws.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SecretsManagerSecrets secrets = new SecretsManagerSecrets(aws.client(SecretsManagerClient.builder()),
            Duration.ofMinutes(5), clock);

    @Test
    void readsUsernameAndPasswordFromTheRdsStyleSecret() {
        aws.reply(200, JSON_1_1, "secretsmanager/get-secret-value.json");

        DbCredentials c = secrets.credentials(ARN);

        assertEquals(new DbCredentials("app_user", PASSWORD), c);
        StubAws.Request r = aws.onlyRequest();
        assertEquals("secretsmanager.GetSecretValue", r.target());
        assertEquals(ARN, r.json().path("SecretId").asText());
        assertFalse(c.toString().contains(PASSWORD));
    }

    @Test
    void keyNamesAreTheSecretsKeysNeverItsValues() {
        aws.reply(200, JSON_1_1, "secretsmanager/get-secret-value.json")
                .reply(200, JSON_1_1, "secretsmanager/get-secret-value-no-password.json");

        java.util.Set<String> names = secrets.keyNames(ARN);

        assertEquals(java.util.Set.of("username", "password", "engine", "host", "port", "dbname", "dbInstanceIdentifier"), names);
        assertFalse(names.toString().contains(PASSWORD));
        assertFalse(secrets.keyNames(ARN).contains("password"), "read again, not cached: names of the current secret");
    }

    @Test
    void keepsCredentialsForTheTtlPerSecret() {
        aws.reply(200, JSON_1_1, "secretsmanager/get-secret-value.json")
                .reply(200, JSON_1_1, "secretsmanager/get-secret-value.json")
                .reply(200, JSON_1_1, "secretsmanager/get-secret-value.json");

        secrets.credentials(ARN);
        clock.advance(Duration.ofMinutes(4));
        secrets.credentials(ARN);
        assertEquals(1, aws.requests().size(), "second read within the TTL comes from the cache");

        secrets.credentials(OTHER);
        assertEquals(2, aws.requests().size(), "another secret is read on its own");
        assertEquals(OTHER, aws.requests().get(1).json().path("SecretId").asText());

        clock.advance(Duration.ofMinutes(2));
        secrets.credentials(ARN);
        assertEquals(3, aws.requests().size(), "expired entry is read again");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "secretsmanager/get-secret-value-not-json.json",
            "secretsmanager/get-secret-value-truncated-json.json",
            "secretsmanager/get-secret-value-no-password.json"})
    void malformedSecretsFailWithoutShowingTheSecret(String response) {
        aws.reply(200, JSON_1_1, response);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.credentials(ARN));

        assertTrue(e.getMessage().contains(ARN), e.getMessage());
        assertNull(e.getCause(), "a parser cause would quote the secret");
        assertSecretNotIn(e);
    }

    @Test
    void aBinarySecretIsRefused() {
        aws.reply(200, JSON_1_1, "secretsmanager/get-secret-value-binary.json");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.credentials(ARN));

        assertTrue(e.getMessage().contains("no SecretString"), e.getMessage());
    }

    @Test
    void missingSecretIsANonTransientCallFailure() {
        aws.reply(400, JSON_1_1, "secretsmanager/error-resource-not-found.json");

        AwsCallException e = assertThrows(AwsCallException.class, () -> secrets.credentials(ARN));

        assertEquals("SecretsManager", e.service());
        assertEquals("GetSecretValue", e.operation());
        assertEquals("ResourceNotFoundException", e.errorCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("can't find the specified secret"), e.getMessage());
    }

    @Test
    void throttlingIsTransientAndNothingIsCached() {
        aws.reply(400, JSON_1_1, "secretsmanager/error-throttling.json")
                .reply(200, JSON_1_1, "secretsmanager/get-secret-value.json");

        assertTrue(assertThrows(AwsCallException.class, () -> secrets.credentials(ARN)).isTransient());
        assertEquals(PASSWORD, secrets.credentials(ARN).password());
    }

    private static void assertSecretNotIn(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(PASSWORD), trace.toString());
        assertFalse(trace.toString().contains("Sup3r"), trace.toString());
    }

}
