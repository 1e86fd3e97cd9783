package io.cutover.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.rehearsal.aws.AwsCli;
import io.cutover.rehearsal.aws.ListeningSockets;
import io.cutover.rehearsal.engine.api.AwsCliCommands;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.run.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./rehearse --keep-running} driven by a client nobody here wrote: the real AWS CLI v2
 * (Debian's awscli) runs the printed commands against the local Step Functions and DynamoDB
 * endpoints, and AWS's own API model (as that CLI ships it) judges the execution history. Also:
 * every endpoint of the rehearsal listens on 127.0.0.1 only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class AwsCliRehearsalTest {
    static AwsCli aws;
    static LocalCloud cloud;
    static KeepRunning keep;
    static KeepRunning.CliRun cli;
    static String printed;

    @BeforeAll
    static void keepRunning() throws Exception {
        aws = AwsCli.locate();
        cloud = QuietRehearsal.cloud();
        keep = new KeepRunning(cloud, QuietRehearsal.on(cloud));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cli = keep.start(new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
    }

    @AfterAll
    static void stop() throws Exception {
        if (keep != null) keep.close();
        if (cloud != null) cloud.close();
        if (cli != null) {
            Files.deleteIfExists(cli.input());
            Files.deleteIfExists(cli.input().getParent());
        }
    }

    /** The printed command line containing {@code what}. */
    static String line(String what) {
        return printed.lines().map(String::strip).filter(l -> l.startsWith("aws ") && l.contains(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no printed command with '" + what + "' in:\n" + printed));
    }

    static AwsCli.Result sfn(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", cli.endpoint(), "--no-cli-pager", "stepfunctions"));
        all.addAll(List.of(args));
        return aws.run(all);
    }

    @Test
    @Order(1)
    void theAwsCliRunsACutoverWithThePrintedCommandsAndReadsItsHistory() throws Exception {
        assertTrue(printed.contains("export " + AwsCliCommands.ENVIRONMENT), printed);
        assertTrue(printed.contains("Step Functions " + cli.endpoint()), printed);
        String input = Files.readString(cli.input());
        assertTrue(input.contains(cli.runId() + "-source") && input.contains(cli.runId() + "-replica"),
                "the start input names the prepared pair's databases: " + input);

        AwsCli.Result started = aws.runLine(line("start-execution"));
        assertEquals(0, started.exitCode(), started::toString);
        String arn = started.json().path("executionArn").asText();
        assertEquals(cli.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + cli.runId(), arn);
        Instant startDate = OffsetDateTime.parse(started.json().path("startDate").asText()).toInstant();

        // StartExecution is idempotent for the same name and input while the execution runs ...
        AwsCli.Result again = aws.runLine(line("start-execution"));
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(started.json(), again.json(), "the same response as the first start");
        // ... and refuses the name with another input.
        AwsCli.Result other = sfn("start-execution", "--state-machine-arn", cli.stateMachineArn(), "--name", cli.runId(),
                "--input", "{\"another\":\"input\"}");
        assertEquals(254, other.exitCode(), other::toString);
        assertEquals("ExecutionAlreadyExists", other.errorCode().orElse(other.stderr()));

        JsonNode described = describeUntilDone(arn);
        assertEquals("SUCCEEDED", described.path("status").asText(), described::toPrettyString);
        assertEquals(cli.runId(), described.path("name").asText());
        assertEquals(startDate, OffsetDateTime.parse(described.path("startDate").asText()).toInstant());
        assertFalse(OffsetDateTime.parse(described.path("stopDate").asText()).toInstant().isBefore(startDate));
        JsonNode output = Json.mapper().readTree(described.path("output").asText());
        assertTrue(output.at("/position/value").asText().matches("[0-9A-F]+/[0-9A-F]+"), output::toPrettyString);
        assertEquals(RunStatus.SUCCEEDED, cloud.ports().runs().run(cli.runId()).orElseThrow().status());

        AwsCli.Result history = aws.runLine(line("get-execution-history"));
        assertEquals(0, history.exitCode(), history::toString);
        checkHistory(history.json().path("events"));

        AwsCli.Result listed = aws.runLine(line("list-executions"));
        assertTrue(listed.json().path("executions").findValuesAsText("executionArn").contains(arn), listed::toString);

        // Closed: the same name is refused even with the same input (AWS: reusable after 90 days).
        AwsCli.Result closed = aws.runLine(line("start-execution"));
        assertEquals("ExecutionAlreadyExists", closed.errorCode().orElse(closed.toString()));

        // DynamoDB Local with the printed command: the run item of this run.
        AwsCli.Result runs = aws.runLine(line("dynamodb scan --table-name " + LocalCloud.RUNS_TABLE));
        assertEquals(0, runs.exitCode(), runs::toString);
        assertTrue(runs.json().path("Items").findValuesAsText("S").contains("RUN#" + cli.runId()), runs::toString);
    }

    static JsonNode describeUntilDone(String arn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode d;
        do {
            AwsCli.Result r = aws.runLine(line("describe-execution"));
            assertEquals(0, r.exitCode(), r::toString);
            d = r.json();
            assertEquals(arn, d.path("executionArn").asText());
            if (!"RUNNING".equals(d.path("status").asText())) return d;
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("still RUNNING after 3 minutes: " + d);
    }

    /** Event types, members and order against AWS's model of GetExecutionHistory. */
    static void checkHistory(JsonNode events) throws Exception {
        JsonNode model = aws.model("stepfunctions");
        JsonNode shapes = model.path("shapes");
        Set<String> types = new HashSet<>();
        shapes.path("HistoryEventType").path("enum").forEach(t -> types.add(t.asText()));
        JsonNode eventShape = shapes.path(shapes.path("HistoryEventList").path("member").path("shape").asText());
        List<String> seen = new ArrayList<>();
        long previousId = 0;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            seen.add(type);
            assertTrue(types.contains(type), "not an AWS history event type: " + type);
            assertEquals(previousId + 1, e.path("id").asLong(), "ids count up from 1");
            previousId = e.path("id").asLong();
            OffsetDateTime.parse(e.path("timestamp").asText()); // the CLI prints the epoch seconds it received as ISO 8601
            e.fieldNames().forEachRemaining(member -> {
                JsonNode m = eventShape.path("members").path(member);
                assertFalse(m.isMissingNode(), "HistoryEvent has no member " + member);
                JsonNode shape = shapes.path(m.path("shape").asText());
                if ("structure".equals(shape.path("type").asText())) {
                    e.path(member).fieldNames().forEachRemaining(d -> assertFalse(shape.path("members").path(d).isMissingNode(),
                            m.path("shape").asText() + " has no member " + d + ": " + e));
                    shape.path("required").forEach(r -> assertTrue(e.path(member).has(r.asText()),
                            member + " lacks required " + r.asText() + ": " + e));
                }
            });
            eventShape.path("required").forEach(r -> assertTrue(e.has(r.asText()), "event lacks " + r.asText() + ": " + e));
        }
        assertEquals(0, events.get(1).path("previousEventId").asLong(), "AWS: the first state's previousEventId is 0");
        assertEquals(2, events.get(2).path("previousEventId").asLong());
        assertEquals("ExecutionStarted", seen.getFirst());
        assertEquals("ExecutionSucceeded", seen.getLast());
        for (String expected : List.of("TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                "TaskSubmitted", "ChoiceStateEntered", "ChoiceStateExited")) {
            assertTrue(seen.contains(expected), expected + " missing from " + seen);
        }
        JsonNode scheduled = events.get(seen.indexOf("TaskScheduled")).path("taskScheduledEventDetails");
        assertEquals("lambda", scheduled.path("resourceType").asText());
        assertEquals("invoke", scheduled.path("resource").asText());
        assertTrue(Json.mapper().readTree(scheduled.path("parameters").asText()).path("FunctionName").asText()
                .endsWith(":function:ValidateInput"), scheduled::toString);
    }

    @Test
    @Order(2)
    void badRequestsComeBackAsTheErrorsAwsGives() throws Exception {
        String machine = cli.stateMachineArn();
        record Case(String code, AwsCli.Result result) {
        }
        List<Case> cases = List.of(
                new Case("InvalidExecutionInput", sfn("start-execution", "--state-machine-arn", machine, "--input", "not json")),
                new Case("InvalidName", sfn("start-execution", "--state-machine-arn", machine, "--name", "two words")),
                new Case("InvalidArn", sfn("start-execution", "--state-machine-arn", "promote-replica")),
                new Case("StateMachineDoesNotExist", sfn("start-execution", "--state-machine-arn", machine + "-nope")),
                new Case("ExecutionDoesNotExist", sfn("describe-execution", "--execution-arn",
                        machine.replace(":stateMachine:", ":execution:") + ":never-started")),
                new Case("TaskDoesNotExist", sfn("send-task-success", "--task-token", "no-such-token", "--task-output", "{}")));
        for (Case c : cases) {
            assertEquals(254, c.result().exitCode(), c.result()::toString);
            assertEquals(c.code(), c.result().errorCode().orElse(c.result().stderr()), c.result()::toString);
        }
        assertTrue(cases.getFirst().result().stderr().contains("Invalid State Machine Execution Input"),
                cases.getFirst().result()::toString);

        // An input StartExecution accepts but the runbook refuses: the execution fails at ValidateInput,
        // naming the field, and nothing is touched (no run item).
        ObjectNode bad = (ObjectNode) Json.mapper().readTree(cli.input().toFile());
        ((ObjectNode) bad.path("source")).put("password", "hunter2").remove("secretArn");
        AwsCli.Result started = sfn("start-execution", "--state-machine-arn", machine, "--name", "bad-input",
                "--input", bad.toString());
        assertEquals(0, started.exitCode(), started::toString);
        String arn = started.json().path("executionArn").asText();
        cloud.stepFunctions().execution(arn).handle().await(Duration.ofSeconds(60));
        JsonNode d = sfn("describe-execution", "--execution-arn", arn).json();
        assertEquals("FAILED", d.path("status").asText(), d::toPrettyString);
        assertEquals("io.cutover.failure.InvalidInput", d.path("error").asText());
        assertTrue(d.path("cause").asText().contains("source.secretArn"), d::toPrettyString);
        assertTrue(d.path("cause").asText().contains("source.password"), d::toPrettyString);
        assertTrue(cloud.ports().runs().run("bad-input").isEmpty(), "nothing was written for a refused input");

        JsonNode states = sfn("list-state-machines").json().path("stateMachines");
        assertEquals(List.of(machine), states.findValuesAsText("stateMachineArn"));
        JsonNode describedMachine = sfn("describe-state-machine", "--state-machine-arn", machine).json();
        assertEquals("STANDARD", describedMachine.path("type").asText());
        assertFalse(describedMachine.path("definition").asText().contains("${"), "substituted, as AWS stores it");
        JsonNode failed = sfn("list-executions", "--state-machine-arn", machine, "--status-filter", "FAILED").json();
        assertEquals(List.of(arn), failed.path("executions").findValuesAsText("executionArn"));
    }

    @Test
    @Order(3)
    void everyEndpointOfTheRehearsalListensOnLoopbackOnly() throws Exception {
        Set<Long> pids = new HashSet<>();
        pids.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
        Set<Integer> expected = new HashSet<>(Set.of(URI.create(cli.endpoint()).getPort(), cloud.endpoint().baseUri().getPort(),
                cloud.dynamo().port()));
        // pg_ctl daemonizes the postmaster (it is no child of this JVM): its pid is in postmaster.pid.
        for (RehearsalPair pair : keep.pairs()) {
            for (PgServer server : List.of(pair.cluster.primary(), pair.cluster.replica())) {
                long postmaster = Long.parseLong(Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).getFirst().strip());
                pids.add(postmaster);
                ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(c -> pids.add(c.pid())));
                expected.add(server.port());
            }
        }
        List<ListeningSockets.Socket> sockets = ListeningSockets.of(pids);
        System.out.println("listening sockets of the rehearsal: " + sockets);

        Set<Integer> ports = new HashSet<>();
        sockets.forEach(s -> ports.add(s.port()));
        assertTrue(ports.containsAll(expected), "every endpoint is found listening: expected " + expected + ", found " + sockets);
        List<ListeningSockets.Socket> open = sockets.stream().filter(s -> !s.loopback()).toList();
        assertEquals(List.of(), open, "listening beyond 127.0.0.1");
        assertNotEquals(0, sockets.size());
    }
}
