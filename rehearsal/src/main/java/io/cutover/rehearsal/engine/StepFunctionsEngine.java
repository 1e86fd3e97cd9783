package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the project's ASL files locally on aws-local-stepfunctions: one node process
 * ({@code statemachines/engine/engine-server.mjs}) serves every execution of this engine, started on
 * first use and ended by {@link #close()} (or when this JVM goes away: it ends with its stdin). Lambda
 * calls and task tokens go to a {@link LocalLambdaEndpoint}. Several executions may run at once.
 *
 * <p>The project root (the directory holding {@code statemachines/engine/engine-server.mjs}) is the
 * system property {@value #ROOT_PROPERTY}, else found by walking up from the working directory. The
 * node executable is the system property {@value #NODE_PROPERTY}, else the environment variable
 * {@code CUTOVER_NODE}, else {@code node} on the PATH.
 */
public final class StepFunctionsEngine implements AutoCloseable {

    public static final String ROOT_PROPERTY = "cutover.projectRoot";
    public static final String NODE_PROPERTY = "cutover.node";
    static final String SCRIPT = "statemachines/engine/engine-server.mjs";
    private static final Duration START_UP = Duration.ofSeconds(60);
    private static final int STDERR_KEPT = 16_000;

    private final ObjectMapper mapper = Json.mapper();
    private final LocalLambdaEndpoint endpoint;
    private final Path projectRoot;
    private final String node;
    private final AtomicLong ids = new AtomicLong();
    private Server server;

    /** The node process, the pipe its commands go through, and the executions it runs. */
    private record Server(Process process, Writer commands, StringBuilder stderr, Map<String, ExecutionHandle> running) {
    }

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

    /**
     * Starts an execution (StartExecution) and returns at once. The listener is called on the
     * engine's reader thread, which all executions share: keep it quick.
     */
    public ExecutionHandle start(ExecutionRequest request, ExecutionListener listener) {
        endpoint.start();
        Server s = server();
        String id = Long.toString(ids.incrementAndGet());
        ExecutionHandle handle = new ExecutionHandle(request.executionName(), request.definition().getFileName().toString(),
                () -> send(s, id, mapper.createObjectNode().put("abort", id)), listener);
        s.running().put(id, handle);
        ObjectNode start = mapper.createObjectNode().put("start", id);
        start.set("request", requestJson(request));
        send(s, id, start);
        return handle;
    }

    private static void send(Server s, String id, ObjectNode command) {
        try {
            synchronized (s) {
                s.commands().write(command.toString());
                s.commands().write('\n');
                s.commands().flush();
            }
        } catch (IOException e) {
            ExecutionHandle handle = s.running().remove(id);
            if (handle != null) handle.fail("the engine is not running: " + e.getMessage() + "; " + tail(s.stderr()));
        }
    }

    /** The node process, started (and waited for) on first use and after it went away. */
    private synchronized Server server() {
        if (server != null && server.process().isAlive()) return server;
        Process process;
        try {
            process = new ProcessBuilder(node, projectRoot.resolve(SCRIPT).toString())
                    .directory(projectRoot.toFile())
                    .start();
        } catch (IOException e) {
            throw new EngineException("cannot start node (" + node + "); set -D" + NODE_PROPERTY, e);
        }
        StringBuilder stderr = new StringBuilder();
        Server started = new Server(process,
                new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)), stderr,
                new ConcurrentHashMap<>());
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("engine-stderr").start(() -> drain(process.getErrorStream(), stderr));
        Thread.ofPlatform().daemon().name("engine-events").start(() -> read(started, ready));
        try {
            if (!ready.await(START_UP.toMillis(), TimeUnit.MILLISECONDS) || !process.isAlive()) {
                process.destroyForcibly();
                throw new EngineException("the local Step Functions engine did not start: " + tail(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new EngineException("interrupted while starting the engine", e);
        }
        server = started;
        return started;
    }

    /** Routes each line of the engine to its execution; when the engine ends, fails what was still running. */
    private void read(Server s, CountDownLatch ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(s.process().getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode message;
                try {
                    message = mapper.readTree(line);
                } catch (IOException notJson) {
                    synchronized (s.stderr()) {
                        s.stderr().append("[stdout] ").append(line).append('\n');
                    }
                    continue;
                }
                if (message.path("ready").asBoolean(false)) {
                    ready.countDown();
                    continue;
                }
                String id = message.path("id").asText();
                ExecutionHandle handle = s.running().get(id);
                if (handle == null) continue;
                if (message.has("harnessError")) {
                    s.running().remove(id);
                    handle.fail(message.get("harnessError").asText());
                    continue;
                }
                ExecutionEvent event = ExecutionEvent.of(message.path("event"));
                if (event.isTerminal()) s.running().remove(id);
                handle.accept(event);
            }
        } catch (IOException | RuntimeException e) {
            synchronized (s.stderr()) {
                s.stderr().append("[reader] ").append(e).append('\n');
            }
        }
        try {
            s.process().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.countDown();
        String why = "the engine ended" + (s.process().isAlive() ? "" : " with code " + s.process().exitValue())
                + ": " + tail(s.stderr());
        for (String id : List.copyOf(s.running().keySet())) {
            ExecutionHandle handle = s.running().remove(id);
            if (handle != null) handle.fail(why);
        }
    }

    /** Ends the engine: running executions are aborted. */
    @Override
    public synchronized void close() {
        if (server == null) return;
        try {
            server.commands().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!server.process().waitFor(10, TimeUnit.SECONDS)) server.process().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.process().destroyForcibly();
        }
        server = null;
    }

    private static String tail(StringBuilder stderr) {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.isEmpty() ? "(no output on stderr)" : s;
        }
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
        return o;
    }

    private static void drain(InputStream in, StringBuilder sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                    if (sink.length() > STDERR_KEPT) sink.delete(0, sink.length() - STDERR_KEPT);
                }
            }
        } catch (IOException ignored) {
            // process gone
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
