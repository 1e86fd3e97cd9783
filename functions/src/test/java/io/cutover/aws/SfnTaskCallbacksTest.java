package io.cutover.aws;

import static io.cutover.aws.StubAws.JSON_1_0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sfn.SfnClient;

class SfnTaskCallbacksTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAbXf3Lx9Q2k7Zr1Vn3m0e5p8w+tokenExample==";

    @RegisterExtension
    final StubAws aws = StubAws.start();
    private final SfnTaskCallbacks callbacks = new SfnTaskCallbacks(aws.client(SfnClient.builder()));

    @Test
    void succeedSendsTokenAndOutput() {
        aws.reply(200, JSON_1_0, "sfn/send-task-success.json");

        assertTrue(callbacks.succeed(TOKEN, "{\"status\":\"available\"}"));

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AWSStepFunctions.SendTaskSuccess", r.target());
        assertEquals(JSON_1_0, r.header("Content-Type"));
        assertEquals(TOKEN, r.json().path("taskToken").asText());
        assertEquals("{\"status\":\"available\"}", r.json().path("output").asText());
    }

    @Test
    void failSendsErrorAndCause() {
        aws.reply(200, JSON_1_0, "sfn/send-task-failure.json");

        assertTrue(callbacks.fail(TOKEN, "Cutover.PromotionFailed", "instance orders-replica is incompatible-parameters"));

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AWSStepFunctions.SendTaskFailure", r.target());
        assertEquals(TOKEN, r.json().path("taskToken").asText());
        assertEquals("Cutover.PromotionFailed", r.json().path("error").asText());
        assertEquals("instance orders-replica is incompatible-parameters", r.json().path("cause").asText());
    }

    @Test
    void errorAndCauseAreCutToTheSfnLimits() {
        aws.reply(200, JSON_1_0, "sfn/send-task-failure.json");

        callbacks.fail(TOKEN, "E".repeat(300), "c".repeat(40_000));

        JsonNode body = aws.onlyRequest().json();
        assertEquals("E".repeat(256), body.path("error").asText());
        assertEquals("c".repeat(32_768), body.path("cause").asText());
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE80"; // one code point, two chars
        String cut = SfnTaskCallbacks.truncate("x".repeat(255) + emoji, 256);

        assertEquals("x".repeat(255), cut);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sfn/error-task-timed-out.json", "sfn/error-task-does-not-exist.json", "sfn/error-invalid-token.json"})
    void aTokenThatIsGoneIsFalse(String response) {
        aws.reply(400, JSON_1_0, response).reply(400, JSON_1_0, response);

        assertFalse(callbacks.succeed(TOKEN, "{}"));
        assertFalse(callbacks.fail(TOKEN, "Cutover.Failed", "cause"));
    }

    @Test
    void invalidOutputIsANonTransientFailure() {
        aws.reply(400, JSON_1_0, "sfn/error-invalid-output.json");

        AwsCallException e = assertThrows(AwsCallException.class, () -> callbacks.succeed(TOKEN, "not json"));

        assertEquals("StepFunctions", e.service());
        assertEquals("SendTaskSuccess", e.operation());
        assertEquals("InvalidOutput", e.errorCode());
        assertFalse(e.isTransient());
    }

    @Test
    void throttlingIsTransient() {
        aws.reply(400, JSON_1_0, "sfn/error-throttling.json");

        AwsCallException e = assertThrows(AwsCallException.class, () -> callbacks.fail(TOKEN, "E", "c"));

        assertEquals("ThrottlingException", e.errorCode());
        assertTrue(e.isTransient());
    }
}
