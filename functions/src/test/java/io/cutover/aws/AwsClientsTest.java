package io.cutover.aws;

import static io.cutover.aws.StubAws.JSON_1_0;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The client factory relies on the SDK's own endpoint override (AWS_ENDPOINT_URL_SFN and friends).
 * Environment variables cannot be set in-process, so this uses their documented system-property
 * twins (aws.endpointUrlSfn, aws.region, aws.accessKeyId), which the SDK reads the same way.
 */
class AwsClientsTest {

    private final Map<String, String> saved = new HashMap<>();

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @Test
    void builtClientsHonourTheServiceEndpointOverrideRegionAndDefaultCredentials() {
        try (StubAws aws = StubAws.start()) {
            aws.reply(200, JSON_1_0, "sfn/send-task-success.json");
            set("aws.endpointUrlSfn", aws.endpoint().toString());
            set("aws.region", "eu-west-1");
            set("aws.accessKeyId", "AKIDSYSPROP");
            set("aws.secretAccessKey", "sysprop-secret");

            try (SfnClient sfn = AwsClients.build(SfnClient.builder())) {
                assertTrue(new SfnTaskCallbacks(sfn).succeed("token", "{}"));
            }

            String authorization = aws.onlyRequest().header("Authorization");
            String region = System.getenv("AWS_REGION") == null ? "eu-west-1" : System.getenv("AWS_REGION");
            assertTrue(authorization.contains("Credential=AKIDSYSPROP/"), authorization);
            assertTrue(authorization.contains("/" + region + "/states/aws4_request"), authorization);
        }
    }

    @Test
    void eachClientIsBuiltOnce() {
        set("aws.region", "eu-west-1"); // building needs a region when AWS_REGION is not set

        assertSame(AwsClients.rds(), AwsClients.rds());
        assertSame(AwsClients.dms(), AwsClients.dms());
        assertSame(AwsClients.secretsManager(), AwsClients.secretsManager());
        assertSame(AwsClients.sfn(), AwsClients.sfn());
    }
}
