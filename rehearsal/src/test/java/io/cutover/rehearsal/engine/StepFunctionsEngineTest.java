package io.cutover.rehearsal.engine;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs small ASL files through the real local engine (node + aws-local-stepfunctions) and Java handlers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StepFunctionsEngineTest {

    static final ObjectMapper JSON = Json.mapper();
    static LocalLambdaEndpoint endpoint;
    static StepFunctionsEngine engine;
    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final Map<String, JsonNode> awaitPayloads = new ConcurrentHashMap<>();

    /** Thrown by the "boom" function; its fully qualified name is the Step Functions error name. */
    static final class BoomException extends RuntimeException {
        BoomException(String message) {
            super(message);
        }
    }

    static RequestStreamHandler jsonHandler(java.util.function.Function<JsonNode, Object> body) {
        return (in, out, context) -> {
            JsonNode payload = JSON.readTree(in);
            JSON.writeValue(out, body.apply(payload));
        };
    }

    @BeforeAll
    static void startEngine() {
        endpoint = new LocalLambdaEndpoint()
                .register("echo", jsonHandler(p -> p))
                .register("flaky", jsonHandler(p -> {
                    int n = attempts.computeIfAbsent("flaky-" + p.path("id").asText(), k -> new AtomicInteger())
                            .incrementAndGet();
                    if (n < 3) {
                        throw new IllegalStateException("not ready yet (attempt " + n + ")");
                    }
                    return Map.of("attempts", n);
                }))
                .register("boom", jsonHandler(p -> {
                    throw new BoomException("boom: disk full");
                }))
                .register("await", jsonHandler(p -> {
                    awaitPayloads.put(p.path("executionName").asText("-"), p);
                    return Map.of("accepted", true);
                }))
                .register("counter", jsonHandler(p -> {
                    int n = attempts.computeIfAbsent("counter-" + p.path("executionName").asText(),
                            k -> new AtomicInteger()).incrementAndGet();
                    return Map.of("count", n, "done", n >= 3);
                }))
                .start();
        engine = new StepFunctionsEngine(endpoint);
    }

    @AfterAll
    static void stopEngine() {
        endpoint.close();
    }

    static Path asl(String name) {
        try {
            return Path.of(StepFunctionsEngineTest.class.getResource("/engine/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExecutionRequest.Builder request(String file, String executionName) {
        return ExecutionRequest.builder(asl(file))
                .executionName(executionName)
                .substitution("EchoFunctionArn", endpoint.functionArn("echo"))
                .substitution("FlakyFunctionArn", endpoint.functionArn("flaky"))
                .substitution("BoomFunctionArn", endpoint.functionArn("boom"))
                .substitution("AwaitFunctionArn", endpoint.functionArn("await"));
    }

    static JsonNode awaitPayload(String executionName) throws InterruptedException {
        for (int i = 0; i < 200 && !awaitPayloads.containsKey(executionName); i++) {
            Thread.sleep(50);
        }
        return awaitPayloads.get(executionName);
    }

    @Test
    void lambdaInvokeWrapsThePayloadLikeAws() throws Exception {
        List<ExecutionEvent> seen = new CopyOnWriteArrayList<>();
        ExecutionResult r = engine.run(request("invoke.asl.json", "invoke-1").input("{\"order\":42}").build(), seen::add);

        assertEquals(ExecutionStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(List.of("Echo", "Raw", "Fanout", "InBranch", "Last"), r.statesEntered());
        assertEquals(r.events(), seen, "the listener sees every event, in order");

        JsonNode out = r.output();
        // ResultSelector on $.Payload / $.StatusCode / $.ExecutedVersion
        JsonNode echoed = out.at("/first/echoed");
        assertEquals(42, echoed.at("/input/order").asInt());
        assertEquals(200, out.at("/first/statusCode").asInt());
        assertEquals("$LATEST", out.at("/first/version").asText());
        // context object
        assertEquals("invoke-1", echoed.path("executionName").asText());
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:invoke:invoke-1", echoed.path("executionId").asText());
        assertEquals("Echo", echoed.path("stateName").asText());
        Instant start = Instant.parse(echoed.path("startTime").asText());
        Instant entered = Instant.parse(echoed.path("enteredTime").asText());
        assertFalse(entered.isBefore(start), "state entered after the execution started");
        assertEquals(r.events("StateEntered", "Echo").getFirst().at().toEpochMilli(), entered.toEpochMilli(), 50);

        // the whole lambda:invoke result, as AWS returns it
        JsonNode raw = out.path("raw");
        assertEquals(Json.mapper().readTree("{\"n\":2}"), raw.path("Payload"));
        assertEquals(200, raw.path("StatusCode").asInt());
        assertEquals("$LATEST", raw.path("ExecutedVersion").asText());
        assertEquals(200, raw.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(raw.at("/SdkResponseMetadata/RequestId").asText().length() > 10);

        // inside a Parallel branch, $$.Execution is still the execution's (the library would reset it)
        JsonNode branch = out.at("/branches/0");
        assertEquals(start, Instant.parse(branch.path("startTime").asText()));
        assertEquals(Json.mapper().readTree("{\"order\":42}"), branch.path("input"));
        assertEquals("InBranch", branch.path("stateName").asText());

        // OutputPath $.Payload of the last state: the function echoed the whole state input
        assertEquals(42, out.at("/order").asInt());
        assertEquals("echo", endpoint.invocations().getLast().functionName());
    }

    @Test
    void lambdaErrorsAreRetriedAndCaughtByTheirJavaClassName() throws Exception {
        ExecutionResult r = engine.run(request("errors.asl.json", "errors-1").input("{\"id\":\"errors-1\"}")
                .timeScale(0.01).build());

        assertEquals(ExecutionStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(List.of("Flaky", "Boom", "Missing", "Handled"), r.statesEntered());
        // Retry: failed twice with the Java class name as error, then succeeded on the third attempt
        assertEquals(3, r.output().at("/flaky/attempts").asInt());
        List<ExecutionEvent> failures = r.events("StateFailed", "Flaky");
        assertEquals(2, failures.size());
        assertEquals("java.lang.IllegalStateException", failures.getFirst().error());
        assertEquals(2, r.events("StateRetry", "Flaky").size());
        // timeScale 0.01: the 1 s then 2 s retry intervals took about 10 and 20 ms
        Duration retryPause = Duration.between(failures.get(1).at(), r.events("StateRetry", "Flaky").get(1).at());
        assertTrue(retryPause.toMillis() < 1000, "scaled retry interval, was " + retryPause);

        // Catch: Error is the exception's class, Cause the Lambda error document as a string
        JsonNode error = r.output().path("error");
        assertEquals("io.cutover.rehearsal.engine.StepFunctionsEngineTest$BoomException", error.path("Error").asText());
        JsonNode cause = Json.mapper().readTree(error.path("Cause").asText());
        assertEquals("boom: disk full", cause.path("errorMessage").asText());
        assertEquals("io.cutover.rehearsal.engine.StepFunctionsEngineTest$BoomException", cause.path("errorType").asText());
        assertTrue(cause.path("stackTrace").isArray() && !cause.path("stackTrace").isEmpty());
        assertTrue(cause.path("stackTrace").get(0).asText().contains("StepFunctionsEngineTest"), cause::toString);

        // Lambda service error: Lambda.ResourceNotFoundException
        assertEquals("Lambda.ResourceNotFoundException", r.output().at("/missing/Error").asText());
        assertTrue(r.output().at("/missing/Cause").asText().contains("no-such-function"));
    }

    @Test
    void anUncaughtLambdaErrorFailsTheExecution() throws Exception {
        // Flaky without enough retries would succeed; Boom's catcher is bypassed by calling it as the error path:
        // run errors.asl.json with Boom pointing at a function that throws something the Catch does not name.
        endpoint.register("boom2", jsonHandler(p -> {
            throw new UnsupportedOperationException("not caught");
        }));
        ExecutionResult r = engine.run(request("errors.asl.json", "errors-2").input("{\"id\":\"errors-2\"}")
                .substitution("BoomFunctionArn", endpoint.functionArn("boom2")).timeScale(0.01).build());

        assertEquals(ExecutionStatus.FAILED, r.status(), r::toString);
        assertEquals("java.lang.UnsupportedOperationException", r.error());
        assertEquals("not caught", Json.mapper().readTree(r.cause()).path("errorMessage").asText());
        assertEquals("ExecutionFailed", r.events().getLast().type());
    }

    @Test
    void waitForTaskTokenIsCompletedBySendTaskSuccessFromAnotherThread() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        ExecutionHandle h = engine.start(request("callback.asl.json", "callback-ok").input("{\"ask\":\"go?\"}").build(),
                ExecutionListener.NONE);

        LocalTaskCallbacks.PendingTask pending = callbacks.awaitPending("callback-ok", "AwaitApproval", Duration.ofSeconds(20));
        // the Lambda received the same token through $$.Task.Token (the token is registered just before the call)
        JsonNode payload = awaitPayload("callback-ok");
        assertNotNull(payload);
        assertEquals(pending.token(), payload.path("taskToken").asText());
        assertEquals("go?", payload.at("/request/ask").asText());

        Thread sender = Thread.ofPlatform().start(() -> assertTrue(callbacks.succeed(pending.token(), "{\"approved\":true}")));
        sender.join();
        ExecutionResult r = h.await(Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, r.status(), r::toString);
        assertTrue(r.output().at("/approval/approved").asBoolean());
        assertEquals(List.of("AwaitApproval", "Approved"), r.statesEntered());
        assertFalse(callbacks.succeed(pending.token(), "{}"), "a token completes once");
        assertFalse(callbacks.fail(pending.token(), "Late", "late"), "a token completes once");
        assertTrue(callbacks.pending().stream().noneMatch(t -> t.token().equals(pending.token())));
        assertThrows(IllegalArgumentException.class, () -> callbacks.succeed("whatever", "not json"));
    }

    @Test
    void sendTaskFailureIsCaughtWithItsErrorAndCause() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        ExecutionHandle h = engine.start(request("callback.asl.json", "callback-fail").build(), ExecutionListener.NONE);
        LocalTaskCallbacks.PendingTask pending = callbacks.awaitPending("callback-fail", "AwaitApproval", Duration.ofSeconds(20));

        assertTrue(callbacks.fail(pending.token(), "ApprovalRefused", "the DBA said no"));
        ExecutionResult r = h.await(Duration.ofSeconds(30));

        // Catch States.ALL -> Rejected, a Fail state re-raising $.error.Error / $.error.Cause
        assertEquals(List.of("AwaitApproval", "Rejected"), r.statesEntered());
        assertEquals(ExecutionStatus.FAILED, r.status());
        assertEquals("ApprovalRefused", r.error());
        assertEquals("the DBA said no", r.cause());
    }

    @Test
    void aCallbackNobodyCompletesTimesOutWithStatesTimeout() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        ExecutionHandle h = engine.start(request("timeout.asl.json", "callback-timeout").build(), ExecutionListener.NONE);
        LocalTaskCallbacks.PendingTask pending = callbacks.awaitPending("callback-timeout", "AwaitApproval", Duration.ofSeconds(20));

        ExecutionResult r = h.await(Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(List.of("AwaitApproval", "TimedOut"), r.statesEntered());
        assertEquals("States.Timeout", r.output().at("/error/Error").asText());
        assertEquals("timed out", r.output().path("outcome").asText());
        ExecutionEvent failed = r.events("StateFailed", "AwaitApproval").getFirst();
        Duration waited = Duration.between(r.events("StateEntered", "AwaitApproval").getFirst().at(), failed.at());
        assertTrue(waited.toMillis() >= 1900 && waited.toMillis() < 10_000, "TimeoutSeconds 2, waited " + waited);
        assertFalse(callbacks.succeed(pending.token(), "{}"), "a timed-out token is invalid (TaskTimedOut)");
    }

    @Test
    void heartbeatsKeepACallbackAliveAndTheirAbsenceIsATimeout() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        ExecutionHandle alive = engine.start(request("heartbeat.asl.json", "hb-alive").build(), ExecutionListener.NONE);
        ExecutionHandle silent = engine.start(request("heartbeat.asl.json", "hb-silent").build(), ExecutionListener.NONE);
        LocalTaskCallbacks.PendingTask pending = callbacks.awaitPending("hb-alive", "AwaitWithHeartbeat", Duration.ofSeconds(20));
        // Beats every 500 ms for 7 s, past HeartbeatSeconds 5: the margin (4.5 s) takes a busy machine's late beat.
        for (int i = 0; i < 14; i++) {
            Thread.sleep(500);
            assertTrue(callbacks.heartbeat(pending.token()));
        }
        assertTrue(callbacks.succeed(pending.token(), "{\"after\":\"heartbeats\"}"));

        ExecutionResult ok = alive.await(Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, ok.status(), ok::toString);
        assertEquals("heartbeats", ok.output().at("/result/after").asText(), ok::toString);
        assertEquals(List.of("AwaitWithHeartbeat"), ok.statesEntered());

        ExecutionResult timedOut = silent.await(Duration.ofSeconds(30));
        assertEquals(List.of("AwaitWithHeartbeat", "NoHeartbeat"), timedOut.statesEntered());
        assertEquals("States.HeartbeatTimeout", timedOut.output().at("/error/Error").asText());
    }

    @Test
    void choiceWaitLoopRunsWithAShortenedWait() throws Exception {
        ExecutionResult r = engine.run(request("loop.asl.json", "loop-1").waitTimeOverride("WaitABit", 20).build());

        assertEquals(ExecutionStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(List.of("Poll", "Done?", "WaitABit", "Poll", "Done?", "WaitABit", "Poll", "Done?", "Finished"),
                r.statesEntered());
        assertEquals(3, r.output().at("/poll/count").asInt());
        for (int i = 0; i < 2; i++) {
            Duration wait = Duration.between(r.events("StateEntered", "WaitABit").get(i).at(),
                    r.events("StateExited", "WaitABit").get(i).at());
            // Far below the 30 s it would be, with room for a busy machine's timers.
            assertTrue(wait.toMillis() >= 15 && wait.toMillis() < 10_000, "Seconds 30 overridden to 20 ms, was " + wait);
        }
    }

    @Test
    void timeScaleShortensEveryWait() throws Exception {
        ExecutionResult r = engine.run(request("loop.asl.json", "loop-2").timeScale(0.002).build());

        assertEquals(ExecutionStatus.SUCCEEDED, r.status(), r::toString);
        Duration wait = Duration.between(r.events("StateEntered", "WaitABit").getFirst().at(),
                r.events("StateExited", "WaitABit").getFirst().at());
        assertTrue(wait.toMillis() >= 40 && wait.toMillis() < 10_000, "30 s x 0.002 = 60 ms, was " + wait);
    }

    @Test
    void twoExecutionsRunAtOnceAndKeepTheirOwnTokens() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        ExecutionHandle first = engine.start(request("callback.asl.json", "together-1").input("{\"n\":1}").build(),
                ExecutionListener.NONE);
        ExecutionHandle second = engine.start(request("callback.asl.json", "together-2").input("{\"n\":2}").build(),
                ExecutionListener.NONE);
        LocalTaskCallbacks.PendingTask t1 = callbacks.awaitPending("together-1", "AwaitApproval", Duration.ofSeconds(20));
        LocalTaskCallbacks.PendingTask t2 = callbacks.awaitPending("together-2", "AwaitApproval", Duration.ofSeconds(20));
        assertNotEquals(t1.token(), t2.token());

        // complete the second first: each execution gets its own answer
        assertTrue(callbacks.succeed(t2.token(), "{\"for\":2}"));
        ExecutionResult r2 = second.await(Duration.ofSeconds(30));
        assertFalse(first.result().isDone(), "the first is still waiting");
        assertTrue(callbacks.succeed(t1.token(), "{\"for\":1}"));
        ExecutionResult r1 = first.await(Duration.ofSeconds(30));

        assertEquals(1, r1.output().at("/approval/for").asInt());
        assertEquals(1, r1.output().path("n").asInt());
        assertEquals(2, r2.output().at("/approval/for").asInt());
        assertEquals(2, r2.output().path("n").asInt());
        assertEquals("together-1", awaitPayloads.get("together-1").path("executionName").asText());
    }

    @Test
    void abortEndsTheExecutionAndInvalidatesItsToken() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        ExecutionHandle h = engine.start(request("callback.asl.json", "aborted-1").build(), ExecutionListener.NONE);
        LocalTaskCallbacks.PendingTask t = callbacks.awaitPending("aborted-1", "AwaitApproval", Duration.ofSeconds(20));

        h.abort();
        ExecutionResult r = h.await(Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.ABORTED, r.status(), r::toString);
        assertFalse(callbacks.succeed(t.token(), "{}"));
    }

    @Test
    void jsonataIsRefused() {
        EngineException e = assertThrows(EngineException.class,
                () -> engine.run(request("jsonata.asl.json", "jsonata-1").build()));
        assertTrue(e.getMessage().contains("JSONata"), e.getMessage());
    }

    @Test
    void variablesAreRefused() {
        EngineException e = assertThrows(EngineException.class,
                () -> engine.run(request("assign.asl.json", "assign-1").build()));
        assertTrue(e.getMessage().contains("'Assign'"), e.getMessage());
    }

    @Test
    void anUnsubstitutedPlaceholderIsRefused() {
        ExecutionRequest r = ExecutionRequest.builder(asl("invoke.asl.json")).executionName("placeholder-1")
                .substitution("SomethingElse", "x").build();
        EngineException e = assertThrows(EngineException.class, () -> engine.run(r));
        assertTrue(e.getMessage().contains("${EchoFunctionArn}"), e.getMessage());
    }
}
