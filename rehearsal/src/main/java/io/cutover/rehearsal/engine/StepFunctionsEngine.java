package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the project's ASL files locally: one node process per execution running
 * {@code statemachines/engine/run-execution.mjs} (aws-local-stepfunctions), whose Lambda calls and
 * task tokens go to a {@link LocalLambdaEndpoint}. Several executions may run at once.
 *
 * <p>The project root (the directory holding {@code statemachines/engine/run-execution.mjs}) is the
 * system property {@value #ROOT_PROPERTY}, else found by walking up from the working directory. The
 * node executable is the system property {@value #NODE_PROPERTY}, else the environment variable
 * {@code CUTOVER_NODE}, else {@code node} on the PATH.
 */
public final class StepFunctionsEngine {

    public static final String ROOT_PROPERTY = "cutover.projectRoot";
    public static final String NODE_PROPERTY = "cutover.node";
    static final String SCRIPT = "statemachines/engine/run-execution.mjs";

    private final ObjectMapper mapper = Json.mapper();
    private final LocalLambdaEndpoint endpoint;
    private final Path projectRoot;
    private final String node;

    public StepFunctionsEngine(LocalLambdaEndpoint endpoint) {
        this(endpoint, locateProjectRoot(), locateNode());
    }

    public StepFunctionsEngine(LocalLambdaEndpoint endpoint, Path projectRoot, String node) {
        this.endpoint = endpoint;
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.node = node;
        if (!Files.isRegularFile(this.projectRoot.resolve(SCRIPT))) {
            throw new EngineException("no " + SCRIPT + " under " + this.projectRoot);
        }
        if (!Files.isDirectory(this.projectRoot.resolve("statemachines/node_modules/aws-local-stepfunctions"))) {
            throw new EngineException("the engine's npm packages are not installed: run `npm ci` in "
                    + this.projectRoot.resolve("statemachines") + " (the root pom does it in the validate phase)");
        }
    }

    public Path projectRoot() {
        return projectRoot;
    }

    public LocalLambdaEndpoint endpoint() {
        return endpoint;
    }

    /** Runs an execution to its end. */
    public ExecutionResult run(ExecutionRequest request) throws InterruptedException {
        return start(request, ExecutionListener.NONE).await();
    }

    /** Runs an execution to its end, telling {@code listener} each event as it happens. */
    public ExecutionResult run(ExecutionRequest request, ExecutionListener listener) throws InterruptedException {
        return start(request, listener).await();
    }

    /** Starts an execution (StartExecution) and returns at once. */
    public ExecutionHandle start(ExecutionRequest request, ExecutionListener listener) {
        endpoint.start();
        Path requestFile;
        try {
            requestFile = Files.createTempFile("cutover-execution-", ".json");
            Files.writeString(requestFile, mapper.writeValueAsString(requestJson(request)));
        } catch (IOException e) {
            throw new EngineException("cannot write the execution request", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(node, projectRoot.resolve(SCRIPT).toString(), requestFile.toString())
                    .directory(projectRoot.toFile())
                    .start();
        } catch (IOException e) {
            deleteQuietly(requestFile);
            throw new EngineException("cannot start node (" + node + "); set -D" + NODE_PROPERTY, e);
        }
        Instant started = Instant.now();
        ExecutionHandle handle = new ExecutionHandle(request.executionName(), process);
        StringBuilder stderr = new StringBuilder();
        Thread errReader = Thread.ofPlatform().daemon().name("engine-stderr-" + request.executionName())
                .start(() -> drain(process.getErrorStream(), stderr));
        Thread.ofPlatform().daemon().name("engine-" + request.executionName()).start(() -> {
            ExecutionEvent terminal = null;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode json;
                    try {
                        json = mapper.readTree(line);
                    } catch (IOException notJson) {
                        synchronized (stderr) {
                            stderr.append("[stdout] ").append(line).append('\n');
                        }
                        continue;
                    }
                    ExecutionEvent event = ExecutionEvent.of(json);
                    handle.events.add(event);
                    if (event.isTerminal()) {
                        terminal = event;
                    }
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException listenerFailure) {
                        synchronized (stderr) {
                            stderr.append("[listener] ").append(listenerFailure).append('\n');
                        }
                    }
                }
                int code = process.waitFor();
                errReader.join(2000);
                if (code != 0 || terminal == null) {
                    String err;
                    synchronized (stderr) {
                        err = stderr.toString().strip();
                    }
                    handle.result.completeExceptionally(new EngineException("execution " + request.executionName()
                            + " of " + request.definition().getFileName() + ": engine exited with code " + code
                            + (terminal == null ? " without a final event" : "") + (err.isEmpty() ? "" : ": " + err)));
                    return;
                }
                handle.result.complete(result(request.executionName(), terminal, handle.events(),
                        Duration.between(started, Instant.now())));
            } catch (IOException | RuntimeException e) {
                handle.result.completeExceptionally(new EngineException("reading the engine output failed", e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.result.completeExceptionally(new EngineException("interrupted", e));
            } finally {
                deleteQuietly(requestFile);
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        });
        return handle;
    }

    private ExecutionResult result(String name, ExecutionEvent terminal, List<ExecutionEvent> events, Duration took) {
        ExecutionStatus status = switch (terminal.type()) {
            case "ExecutionSucceeded" -> ExecutionStatus.SUCCEEDED;
            case "ExecutionFailed" -> ExecutionStatus.FAILED;
            case "ExecutionAborted" -> ExecutionStatus.ABORTED;
            case "ExecutionTimedOut" -> ExecutionStatus.TIMED_OUT;
            default -> throw new EngineException("unknown final event " + terminal.type());
        };
        return new ExecutionResult(name, status, terminal.output(), terminal.error(), terminal.cause(), events, took);
    }

    private ObjectNode requestJson(ExecutionRequest r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("definitionPath", r.definition().toAbsolutePath().toString());
        ObjectNode subs = o.putObject("substitutions");
        r.substitutions().forEach(subs::put);
        o.set("input", r.input());
        o.put("executionName", r.executionName());
        if (r.stateMachineName() != null) {
            o.put("stateMachineName", r.stateMachineName());
        }
        o.put("lambdaEndpoint", endpoint.baseUri().toString());
        ObjectNode waits = o.putObject("waitTimeOverrides");
        r.waitTimeOverrides().forEach(waits::put);
        ObjectNode retries = o.putObject("retryIntervalOverrides");
        r.retryIntervalOverrides().forEach(retries::put);
        o.put("timeScale", r.timeScale());
        o.put("abortOnStdinClose", true);
        return o;
    }

    private static void drain(InputStream in, StringBuilder sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temp file
        }
    }

    /** The directory holding {@value #SCRIPT}: the system property, else up from the working directory. */
    public static Path locateProjectRoot() {
        String prop = System.getProperty(ROOT_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(SCRIPT))) {
                return d;
            }
        }
        throw new EngineException("cannot find " + SCRIPT + " above " + dir + "; set -D" + ROOT_PROPERTY);
    }

    /** The node executable: system property, CUTOVER_NODE, else {@code node} on the PATH. */
    public static String locateNode() {
        String prop = System.getProperty(NODE_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        String env = System.getenv("CUTOVER_NODE");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return findOnPath("node").orElseThrow(() ->
                new EngineException("node is not on the PATH; install Node.js 20+ or set -D" + NODE_PROPERTY));
    }

    static Optional<String> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
