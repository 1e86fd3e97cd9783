package io.cutover.rehearsal.engine;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutover.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Lambda Invoke API (and the task-token side channel of the engine harness) on
 * {@code 127.0.0.1}, a free port.
 *
 * <ul>
 *   <li>{@code POST /2015-03-31/functions/{name|arn}/invocations}: runs the {@link RequestStreamHandler}
 *   registered under the function name (for an ARN, the part after {@code :function:} without a
 *   qualifier). A handler exception gives 200 with {@code X-Amz-Function-Error: Unhandled} and the
 *   body the AWS Java runtime writes: {@code {"errorMessage","errorType" (fully qualified class),
 *   "stackTrace":[...]}}. Unknown function: 404 {@code ResourceNotFoundException}. Header
 *   {@code X-Amz-Invocation-Type: Event}: 202 at once, the handler runs in the background.</li>
 *   <li>{@code POST /tasks/{token}} registers a token, {@code GET /tasks/{token}?waitMs=N} long-polls
 *   its outcome (200 {@code {"status":"SUCCEEDED","output":..}} or
 *   {@code {"status":"FAILED","error":..,"cause":..}}, 204 if still pending, with header
 *   {@code X-Task-Last-Heartbeat} in epoch ms), {@code DELETE /tasks/{token}} releases it. See
 *   {@link LocalTaskCallbacks}.</li>
 * </ul>
 */
public final class LocalLambdaEndpoint implements AutoCloseable {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "123456789012";
    private static final String INVOKE_PREFIX = "/2015-03-31/functions/";
    private static final String TASKS_PREFIX = "/tasks/";
    private static final Duration MAX_POLL = Duration.ofSeconds(20);

    /** One invocation as received (for assertions). */
    public record Invocation(String functionName, String payload, String executionName, String stateName,
                             boolean failed) {
    }

    private final ObjectMapper mapper = Json.mapper();
    private final LocalTaskCallbacks callbacks;
    private final String region;
    private final String account;
    private final Map<String, RequestStreamHandler> handlers = new ConcurrentHashMap<>();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;
    private volatile Duration functionTimeout = Duration.ofMinutes(15);

    public LocalLambdaEndpoint() {
        this(new LocalTaskCallbacks());
    }

    public LocalLambdaEndpoint(LocalTaskCallbacks callbacks) {
        this(callbacks, DEFAULT_REGION, DEFAULT_ACCOUNT);
    }

    public LocalLambdaEndpoint(LocalTaskCallbacks callbacks, String region, String account) {
        this.callbacks = callbacks;
        this.region = region;
        this.account = account;
    }

    /** Registers (or replaces) the handler of a function name. May be called while running. */
    public LocalLambdaEndpoint register(String functionName, RequestStreamHandler handler) {
        handlers.put(functionName, handler);
        return this;
    }

    /** What {@code Context.getRemainingTimeInMillis()} counts down from (default 15 min). */
    public LocalLambdaEndpoint functionTimeout(Duration timeout) {
        this.functionTimeout = timeout;
        return this;
    }

    public LocalTaskCallbacks taskCallbacks() {
        return callbacks;
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}, what CDK substitutions would hold. */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public synchronized LocalLambdaEndpoint start() {
        if (server != null) {
            return this;
        }
        try {
            server = LoopbackHttpServer.create(64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the local Lambda endpoint", e);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "local-lambda-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newCachedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT} */
    public synchronized URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("endpoint not started");
        }
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ---- routing -----------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.startsWith(INVOKE_PREFIX) && path.endsWith("/invocations") && "POST".equals(method)) {
                String raw = path.substring(INVOKE_PREFIX.length(), path.length() - "/invocations".length());
                invoke(ex, URLDecoder.decode(raw, StandardCharsets.UTF_8));
            } else if (path.startsWith(TASKS_PREFIX)) {
                task(ex, method, URLDecoder.decode(path.substring(TASKS_PREFIX.length()), StandardCharsets.UTF_8));
            } else {
                send(ex, 404, Map.of("x-amzn-ErrorType", "UnknownOperationException"),
                        "{\"Type\":\"User\",\"Message\":\"Unknown operation " + method + " " + path + "\"}");
            }
        } catch (RuntimeException | IOException e) {
            try {
                send(ex, 500, Map.of("x-amzn-ErrorType", "ServiceException"),
                        json(Map.of("Type", "Service", "Message", String.valueOf(e))));
            } catch (IOException | RuntimeException ignored) {
                // response already (partly) sent
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The function name inside a name, a partial ARN or a full ARN, without a version/alias. */
    static String functionName(String nameOrArn) {
        String s = nameOrArn;
        int f = s.indexOf(":function:");
        if (f >= 0) {
            s = s.substring(f + ":function:".length());
        }
        int q = s.indexOf(':');
        return q >= 0 ? s.substring(0, q) : s;
    }

    private void invoke(HttpExchange ex, String nameOrArn) throws IOException {
        String name = functionName(nameOrArn);
        byte[] payload = ex.getRequestBody().readAllBytes();
        String execution = ex.getRequestHeaders().getFirst("X-Cutover-Execution");
        String state = ex.getRequestHeaders().getFirst("X-Cutover-State");
        RequestStreamHandler handler = handlers.get(name);
        String requestId = UUID.randomUUID().toString();
        if (handler == null) {
            send(ex, 404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException", "x-amzn-RequestId", requestId),
                    json(Map.of("Type", "User", "Message", "Function not found: " + functionArn(name))));
            return;
        }
        LambdaContext context = new LambdaContext(requestId, name, functionArn(name), functionTimeout);
        if ("Event".equalsIgnoreCase(ex.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
            executor.execute(() -> run(handler, payload, context, name, execution, state));
            send(ex, 202, Map.of("x-amzn-RequestId", requestId), "");
            return;
        }
        Result r = run(handler, payload, context, name, execution, state);
        Map<String, String> headers = r.error
                ? Map.of("X-Amz-Function-Error", "Unhandled", "X-Amz-Executed-Version", "$LATEST", "x-amzn-RequestId", requestId)
                : Map.of("X-Amz-Executed-Version", "$LATEST", "x-amzn-RequestId", requestId);
        send(ex, 200, headers, r.body);
    }

    private record Result(boolean error, byte[] body) {
    }

    private Result run(RequestStreamHandler handler, byte[] payload, LambdaContext context, String name,
                       String execution, String state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new ByteArrayInputStream(payload)) {
            handler.handleRequest(in, out, context);
            invocations.add(new Invocation(name, new String(payload, StandardCharsets.UTF_8), execution, state, false));
            return new Result(false, out.toByteArray());
        } catch (Throwable t) {
            invocations.add(new Invocation(name, new String(payload, StandardCharsets.UTF_8), execution, state, true));
            return new Result(true, errorBody(t).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The error document of the AWS Java runtime (aws-lambda-java-runtime-interface-client). */
    String errorBody(Throwable t) {
        ObjectNode o = mapper.createObjectNode();
        String message = t.getLocalizedMessage();
        o.put("errorMessage", message == null ? t.getClass().getName() : message);
        o.put("errorType", t.getClass().getName());
        ArrayNode trace = o.putArray("stackTrace");
        for (StackTraceElement e : t.getStackTrace()) {
            trace.add(e.toString());
        }
        return o.toString();
    }

    private void task(HttpExchange ex, String method, String token) throws IOException, InterruptedException {
        switch (method) {
            case "POST" -> {
                JsonNode meta = mapper.readTree(ex.getRequestBody().readAllBytes());
                callbacks.register(token, meta.path("executionName").asText(null), meta.path("stateName").asText(null));
                send(ex, 201, Map.of(), "");
            }
            case "DELETE" -> {
                callbacks.release(token);
                send(ex, 204, Map.of(), (byte[]) null);
            }
            case "GET" -> {
                Duration wait = MAX_POLL;
                String q = ex.getRequestURI().getRawQuery();
                if (q != null && q.startsWith("waitMs=")) {
                    try {
                        wait = Duration.ofMillis(Math.max(0, Math.min(MAX_POLL.toMillis(), Long.parseLong(q.substring(7)))));
                    } catch (NumberFormatException ignored) {
                        // default
                    }
                }
                Optional<LocalTaskCallbacks.Outcome> outcome;
                try {
                    outcome = callbacks.await(token, wait);
                } catch (IllegalStateException unknown) {
                    send(ex, 404, Map.of(), json(Map.of("Message", "unknown or released task token")));
                    return;
                }
                if (outcome.isEmpty()) {
                    String beat = callbacks.lastHeartbeat(token).map(i -> Long.toString(i.toEpochMilli())).orElse("0");
                    send(ex, 204, Map.of("X-Task-Last-Heartbeat", beat), (byte[]) null);
                    return;
                }
                ObjectNode body = mapper.createObjectNode();
                if (outcome.get() instanceof LocalTaskCallbacks.Succeeded s) {
                    body.put("status", "SUCCEEDED");
                    body.set("output", mapper.readTree(s.outputJson()));
                } else if (outcome.get() instanceof LocalTaskCallbacks.Failed f) {
                    body.put("status", "FAILED");
                    body.put("error", f.error());
                    body.put("cause", f.cause());
                }
                send(ex, 200, Map.of(), body.toString());
            }
            default -> send(ex, 405, Map.of(), "");
        }
    }

    private String json(Object value) throws IOException {
        return mapper.writeValueAsString(value);
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        send(ex, status, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (body != null && body.length > 0) {
            ex.getResponseHeaders().add("Content-Type", "application/json");
        }
        if (body == null || status == 204) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
