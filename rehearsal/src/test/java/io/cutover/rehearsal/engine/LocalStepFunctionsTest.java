package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.rehearsal.engine.api.LocalStepFunctions;
import io.cutover.rehearsal.engine.api.StepFunctionsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local Step Functions service on small machines: the execution history in AWS's shape (retries,
 * catches, callbacks, timeouts, stops), AWS's rules for starting executions, and the task-token
 * operations. The same over HTTP with the real AWS CLI: AwsCliRehearsalTest.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalStepFunctionsTest {
    static LocalLambdaEndpoint endpoint;
    static StepFunctionsEngine engine;
    static LocalStepFunctions sfn;
    static String errors;
    static String callback;
    static String timeout;
    static final AtomicInteger flaky = new AtomicInteger();

    @BeforeAll
    static void start() {
        endpoint = new LocalLambdaEndpoint()
                .register("flaky", StepFunctionsEngineTest.jsonHandler(p -> {
                    int n = flaky.incrementAndGet();
                    if (n < 3) throw new IllegalStateException("not ready yet (attempt " + n + ")");
                    return Map.of("attempts", n);
                }))
                .register("boom", StepFunctionsEngineTest.jsonHandler(p -> {
                    throw new StepFunctionsEngineTest.BoomException("boom: disk full");
                }))
                .register("await", StepFunctionsEngineTest.jsonHandler(p -> Map.of("accepted", true)))
                .start();
        engine = new StepFunctionsEngine(endpoint);
        sfn = new LocalStepFunctions(engine).timeScale(0.01);
        Map<String, String> subs = Map.of("FlakyFunctionArn", endpoint.functionArn("flaky"),
                "BoomFunctionArn", endpoint.functionArn("boom"), "AwaitFunctionArn", endpoint.functionArn("await"));
        errors = sfn.deploy(StepFunctionsEngineTest.asl("errors.asl.json"), subs).arn();
        callback = sfn.deploy(StepFunctionsEngineTest.asl("callback.asl.json"), subs).arn();
        timeout = sfn.deploy(StepFunctionsEngineTest.asl("timeout.asl.json"), subs).arn();
    }

    @AfterAll
    static void stop() {
        engine.close();
        endpoint.close();
    }

    static List<String> types(List<ObjectNode> history) {
        return history.stream().map(e -> e.path("type").asText()).toList();
    }

    static LocalStepFunctions.Execution await(LocalStepFunctions.Execution x) throws Exception {
        x.handle().await(Duration.ofSeconds(60));
        return x;
    }

    @Test
    void retriesCatchesAndLambdaErrorsInTheHistoryAsAwsRecordsThem() throws Exception {
        LocalStepFunctions.Execution x = await(sfn.startExecution(errors, "history-errors", "{\"id\":\"history-errors\"}"));
        List<ObjectNode> h = x.history();

        assertEquals("SUCCEEDED", x.status());
        assertEquals(List.of("ExecutionStarted",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",   // Flaky: retried twice,
                "TaskScheduled", "TaskStarted", "TaskFailed",                       // no new TaskStateEntered
                "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", // Boom: caught
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", // Missing: caught
                "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types(h));
        for (int i = 0; i < h.size(); i++) {
            assertEquals(i + 1, h.get(i).path("id").asLong());
            assertEquals(i <= 1 ? 0 : i, h.get(i).path("previousEventId").asLong(), "AWS: 0 for the first two, then the one before");
        }
        JsonNode scheduled = h.get(2).path("taskScheduledEventDetails");
        assertEquals("lambda", scheduled.path("resourceType").asText());
        assertEquals("invoke", scheduled.path("resource").asText());
        assertEquals("us-east-1", scheduled.path("region").asText());
        assertEquals(endpoint.functionArn("flaky"), Json.mapper().readTree(scheduled.path("parameters").asText()).path("FunctionName").asText());
        assertEquals("java.lang.IllegalStateException", h.get(4).at("/taskFailedEventDetails/error").asText());
        assertEquals("invoke", h.get(4).at("/taskFailedEventDetails/resource").asText());
        assertEquals(3, Json.mapper().readTree(h.get(10).at("/taskSucceededEventDetails/output").asText()).at("/Payload/attempts").asInt());
        // the caught failure's TaskStateExited carries the catcher's output (ResultPath $.error)
        JsonNode boomExit = Json.mapper().readTree(h.get(16).at("/stateExitedEventDetails/output").asText());
        assertEquals("io.cutover.rehearsal.engine.StepFunctionsEngineTest$BoomException", boomExit.at("/error/Error").asText());
        assertEquals("Lambda.ResourceNotFoundException", h.get(20).at("/taskFailedEventDetails/error").asText());
        assertEquals(x.result().orElseThrow().output().toString(), h.getLast().at("/executionSucceededEventDetails/output").asText());
    }

    @Test
    void aCallbackIsSubmittedThenSucceedsWithTheTaskOutputAndStartsAreIdempotentWhileRunning() throws Exception {
        LocalStepFunctions.Execution x = sfn.startExecution(callback, "history-callback", "{\"n\":1}");
        LocalTaskCallbacks.PendingTask task = endpoint.taskCallbacks().awaitPending("history-callback", "AwaitApproval",
                Duration.ofSeconds(20));

        assertSame(x, sfn.startExecution(callback, "history-callback", "{ \"n\" : 1 }"), "same name and input while running");
        assertCode("ExecutionAlreadyExists", () -> sfn.startExecution(callback, "history-callback", "{\"n\":2}"));
        assertCode("InvalidOutput", () -> sfn.sendTaskSuccess(task.token(), "not json"));
        sfn.sendTaskHeartbeat(task.token());
        sfn.sendTaskSuccess(task.token(), "{\"approved\":true}");
        await(x);
        assertCode("TaskDoesNotExist", () -> sfn.sendTaskSuccess(task.token(), "{}"));
        assertCode("InvalidToken", () -> sfn.sendTaskFailure("", "E", "c"));
        assertCode("ExecutionAlreadyExists", () -> sfn.startExecution(callback, "history-callback", "{\"n\":1}"));

        List<ObjectNode> h = x.history();
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types(h));
        assertEquals("invoke.waitForTaskToken", h.get(2).at("/taskScheduledEventDetails/resource").asText());
        assertEquals(60, h.get(2).at("/taskScheduledEventDetails/timeoutInSeconds").asInt());
        assertTrue(h.get(4).at("/taskSubmittedEventDetails/output").asText().contains("\"accepted\":true"), "the Lambda's response");
        assertEquals("{\"approved\":true}", h.get(5).at("/taskSucceededEventDetails/output").asText());
    }

    @Test
    void aTimedOutCallbackAndAStoppedExecution() throws Exception {
        LocalStepFunctions.Execution timedOut = await(sfn.startExecution(timeout, "history-timeout", null));
        List<ObjectNode> t = timedOut.history();
        assertEquals("TaskTimedOut", t.get(5).path("type").asText(), types(t)::toString);
        assertEquals("States.Timeout", t.get(5).at("/taskTimedOutEventDetails/error").asText());
        assertEquals("{}", timedOut.input(), "no input: {}");

        LocalStepFunctions.Execution stopped = sfn.startExecution(callback, "history-stopped", "{}");
        endpoint.taskCallbacks().awaitPending("history-stopped", "AwaitApproval", Duration.ofSeconds(20));
        sfn.stopExecution(stopped.arn(), "Operator", "stopped by the test");
        assertEquals("ABORTED", stopped.status());
        ObjectNode last = stopped.history().getLast();
        assertEquals("ExecutionAborted", last.path("type").asText());
        assertEquals("Operator", last.at("/executionAbortedEventDetails/error").asText());
        assertEquals("stopped by the test", last.at("/executionAbortedEventDetails/cause").asText());
        assertEquals(List.of(stopped.arn()), sfn.executions(callback, "ABORTED").stream().map(LocalStepFunctions.Execution::arn).toList());
    }

    @Test
    void startsAreRefusedWithAwsErrorCodes() {
        assertCode("InvalidArn", () -> sfn.startExecution("callback", null, "{}"));
        assertCode("StateMachineDoesNotExist", () -> sfn.startExecution(callback + "x", null, "{}"));
        assertCode("InvalidExecutionInput", () -> sfn.startExecution(callback, null, "{\"n\":"));
        assertCode("InvalidExecutionInput", () -> sfn.startExecution(callback, null, "{\"big\":\"" + "x".repeat(262_144) + "\"}"));
        for (String bad : List.of("two words", "a/b", "x".repeat(81), "tab\there", "semi;colon", "")) {
            assertCode("InvalidName", () -> sfn.startExecution(callback, bad, "{}"));
        }
        assertCode("ExecutionDoesNotExist", () -> sfn.execution(callback.replace(":stateMachine:", ":execution:") + ":nope"));
        assertCode("InvalidArn", () -> sfn.execution(callback));
        assertTrue(sfn.executions(callback, "RUNNING").stream().noneMatch(x -> x.name().equals("two words")));
    }

    static void assertCode(String code, Executable call) {
        StepFunctionsException e = assertThrows(StepFunctionsException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }
}
