package io.cutover.rehearsal.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.rehearsal.engine.EngineException;
import io.cutover.rehearsal.engine.ExecutionHandle;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionRequest;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.LocalLambdaEndpoint;
import io.cutover.rehearsal.engine.LocalTaskCallbacks;
import io.cutover.rehearsal.engine.StepFunctionsEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step Functions on this machine: the state machines the local cloud deployed, and every execution
 * of them - started by the rehearsal or through the API ({@link StepFunctionsEndpoint}) - with
 * AWS's rules for names, inputs, ARNs, idempotent starts and task tokens, and AWS's error codes
 * ({@link StepFunctionsException}). Executions run on the {@link StepFunctionsEngine}.
 */
public final class LocalStepFunctions {

    /** AWS's StartExecution name rule: 1-80 characters, none of white space, brackets, wildcards, special or control characters. */
    static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");
    private static final Pattern STATE_MACHINE_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:([^:/]+)");
    private static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:([^:/]+):([^:/]+)");
    private static final int MAX_INPUT = 262_144;

    /** A deployed state machine; {@code definition} is the text with the substitutions applied, as AWS stores it. */
    public record StateMachine(String arn, String name, Path file, Map<String, String> substitutions, String definition,
                               String roleArn, Instant creationDate) {
    }

    /** One execution: how it was started, and its handle in the engine. */
    public static final class Execution {
        private final String arn;
        private final String name;
        private final StateMachine machine;
        private final String input;
        private final Instant startDate;
        private final ExecutionHandle handle;
        private volatile String stopError;
        private volatile String stopCause;

        private Execution(String arn, String name, StateMachine machine, String input, Instant startDate, ExecutionHandle handle) {
            this.arn = arn;
            this.name = name;
            this.machine = machine;
            this.input = input;
            this.startDate = startDate;
            this.handle = handle;
        }

        public String arn() {
            return arn;
        }

        public String name() {
            return name;
        }

        public StateMachine machine() {
            return machine;
        }

        public String input() {
            return input;
        }

        public Instant startDate() {
            return startDate;
        }

        public ExecutionHandle handle() {
            return handle;
        }

        /** The result once ended; empty while running (or if the engine could not run it). */
        public Optional<ExecutionResult> result() {
            return handle.result().isDone() && !handle.result().isCompletedExceptionally()
                    ? Optional.of(handle.result().join()) : Optional.empty();
        }

        /** The engine could not run it (bad definition, engine gone): why. */
        public Optional<String> engineFailure() {
            if (!handle.result().isCompletedExceptionally()) return Optional.empty();
            try {
                handle.result().get();
                return Optional.empty();
            } catch (ExecutionException e) {
                return Optional.of(String.valueOf(e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
        public String status() {
            if (engineFailure().isPresent()) return "FAILED";
            return result().map(r -> r.status().name()).orElse("RUNNING");
        }

        public Optional<Instant> stopDate() {
            return result().map(r -> r.events().getLast().at()).or(() -> engineFailure().map(f -> startDate));
        }

        /** {@code GetExecutionHistory}'s events so far. */
        public List<ObjectNode> history() {
            return ExecutionHistory.of(new ExecutionHistory.Execution(machine.roleArn(), input, handle.events(), stopError, stopCause));
        }

        public String stopError() {
            return stopError;
        }

        public String stopCause() {
            return stopCause;
        }
    }

    private final StepFunctionsEngine engine;
    private final Map<String, StateMachine> machines = new LinkedHashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private volatile double timeScale = 1.0;

    public LocalStepFunctions(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    /**
     * Multiplies Wait and Retry intervals of executions started through the API (default 1: real
     * time); the rehearsal's own starts give theirs in the request.
     */
    public LocalStepFunctions timeScale(double value) {
        this.timeScale = value;
        return this;
    }

    private String region() {
        return LocalLambdaEndpoint.DEFAULT_REGION;
    }

    private String account() {
        return LocalLambdaEndpoint.DEFAULT_ACCOUNT;
    }

    /** Deploys (or redeploys) {@code file} as the state machine named after it ({@code promote-replica.asl.json} -> promote-replica). */
    public synchronized StateMachine deploy(Path file, Map<String, String> substitutions) {
        String name = file.getFileName().toString().replaceFirst("\\.asl\\.json$|\\.json$", "");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state machine " + file, e);
        }
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            text = text.replace("${" + s.getKey() + "}", s.getValue());
        }
        String arn = "arn:aws:states:" + region() + ":" + account() + ":stateMachine:" + name;
        StateMachine previous = machines.get(arn);
        StateMachine machine = new StateMachine(arn, name, file.toAbsolutePath().normalize(), Map.copyOf(substitutions), text,
                "arn:aws:iam::" + account() + ":role/" + name + "-role",
                previous == null ? Instant.now() : previous.creationDate());
        machines.put(arn, machine);
        return machine;
    }

    public synchronized List<StateMachine> stateMachines() {
        return List.copyOf(machines.values());
    }

    /** DescribeStateMachine. */
    public synchronized StateMachine stateMachine(String arn) {
        if (arn == null || !STATE_MACHINE_ARN.matcher(arn).matches()) throw StepFunctionsException.invalidArn(arn);
        StateMachine m = machines.get(arn);
        if (m == null) throw new StepFunctionsException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        return m;
    }

    /** The state machine deployed from {@code file}. */
    public synchronized StateMachine stateMachine(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        return machines.values().stream().filter(m -> m.file().equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state machine " + file + " is not deployed"));
    }

    /** StartExecution through the API: input as JSON text (null = "{}"), name null = a UUID. */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        StateMachine machine = stateMachine(stateMachineArn);
        String text = input == null ? "{}" : input;
        JsonNode parsed;
        try {
            if (text.length() > MAX_INPUT) throw new IllegalArgumentException("input is longer than " + MAX_INPUT + " characters");
            parsed = Json.mapper().readTree(text);
            if (parsed == null) throw new IllegalArgumentException("no JSON value");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new StepFunctionsException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + why + "'");
        }
        ExecutionRequest request = ExecutionRequest.builder(machine.file())
                .substitutions(machine.substitutions())
                .input(parsed)
                .executionName(name == null ? UUID.randomUUID().toString() : name)
                .timeScale(timeScale)
                .build();
        return start(request, text, ExecutionListener.NONE);
    }

    /** StartExecution for the rehearsal: the request's definition must be deployed. */
    public ExecutionHandle start(ExecutionRequest request, ExecutionListener listener) {
        return start(request, request.input().toString(), listener).handle();
    }

    private synchronized Execution start(ExecutionRequest request, String inputText, ExecutionListener listener) {
        StateMachine machine = stateMachine(request.definition());
        String name = request.executionName();
        if (!NAME.matcher(name).matches()) throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "'");
        String arn = "arn:aws:states:" + region() + ":" + account() + ":execution:" + machine.name() + ":" + name;
        Execution existing = executions.get(arn);
        if (existing != null) {
            // AWS: idempotent for the same name and input while that execution runs; otherwise refused.
            if ("RUNNING".equals(existing.status()) && sameJson(existing.input(), inputText)) return existing;
            throw new StepFunctionsException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        ExecutionRequest named = ExecutionRequest.builder(request.definition())
                .substitutions(request.substitutions())
                .input(request.input())
                .executionName(name)
                .stateMachineName(machine.name())
                .timeScale(request.timeScale())
                .build();
        Instant startDate = Instant.now();
        ExecutionHandle handle = engine.start(withOverrides(named, request), listener);
        Execution execution = new Execution(arn, name, machine, inputText, startDate, handle);
        executions.put(arn, execution);
        return execution;
    }

    private static ExecutionRequest withOverrides(ExecutionRequest named, ExecutionRequest original) {
        return new ExecutionRequest(named.definition(), named.substitutions(), named.input(), named.executionName(),
                named.stateMachineName(), original.waitTimeOverrides(), original.retryIntervalOverrides(), named.timeScale());
    }

    private static boolean sameJson(String a, String b) {
        try {
            return Json.mapper().readTree(a).equals(Json.mapper().readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** DescribeExecution. */
    public synchronized Execution execution(String arn) {
        Matcher m = arn == null ? null : EXECUTION_ARN.matcher(arn);
        if (m == null || !m.matches()) throw StepFunctionsException.invalidArn(arn);
        Execution x = executions.get(arn);
        if (x == null) throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        return x;
    }

    /** The execution of a deployed machine by name (the rehearsal's run id). */
    public synchronized Optional<Execution> execution(StateMachine machine, String name) {
        return Optional.ofNullable(executions.get("arn:aws:states:" + region() + ":" + account() + ":execution:"
                + machine.name() + ":" + name));
    }

    /** The history of the execution of {@code definition} named {@code name} (a rehearsal's run id). */
    public List<ObjectNode> history(Path definition, String name) {
        return execution(stateMachine(definition), name)
                .orElseThrow(() -> new IllegalArgumentException("no execution " + name + " of " + definition)).history();
    }

    /** ListExecutions: newest first; {@code status} null = all. */
    public synchronized List<Execution> executions(String stateMachineArn, String status) {
        StateMachine machine = stateMachine(stateMachineArn);
        List<Execution> out = new ArrayList<>();
        for (Execution x : executions.values()) {
            if (x.machine().arn().equals(machine.arn()) && (status == null || status.equals(x.status()))) out.add(x);
        }
        return out.reversed();
    }

    /** StopExecution: aborts a running execution; returns its stop date. */
    public Instant stopExecution(String arn, String error, String cause) throws InterruptedException {
        Execution x = execution(arn);
        if ("RUNNING".equals(x.status())) {
            x.stopError = error;
            x.stopCause = cause;
            x.handle().abort();
            try {
                x.handle().await(java.time.Duration.ofSeconds(30));
            } catch (java.util.concurrent.TimeoutException | EngineException e) {
                return Instant.now();
            }
        }
        return x.stopDate().orElse(Instant.now());
    }

    /** SendTaskSuccess. */
    public void sendTaskSuccess(String token, String output) {
        checkToken(token);
        boolean done;
        try {
            done = callbacks().succeed(token, output == null ? "" : output);
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
        }
        if (!done) throw taskGone();
    }

    /** SendTaskFailure. */
    public void sendTaskFailure(String token, String error, String cause) {
        checkToken(token);
        if (!callbacks().fail(token, error, cause)) throw taskGone();
    }

    /** SendTaskHeartbeat. */
    public void sendTaskHeartbeat(String token) {
        checkToken(token);
        if (!callbacks().heartbeat(token)) throw taskGone();
    }

    private LocalTaskCallbacks callbacks() {
        return engine.endpoint().taskCallbacks();
    }

    private static void checkToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 1024) {
            throw new StepFunctionsException("InvalidToken", "Invalid Token: '" + token + "'");
        }
    }

    /** Unknown, completed, timed out or released: the local callbacks cannot tell these apart. */
    private static StepFunctionsException taskGone() {
        return new StepFunctionsException("TaskDoesNotExist", "Task Does Not Exist");
    }
}
