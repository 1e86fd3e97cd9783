package io.cutover.rehearsal.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutover.json.Json;
import io.cutover.rehearsal.engine.LoopbackHttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The Step Functions API over HTTP on 127.0.0.1 (a free port), in AWS's JSON 1.0 protocol: {@code POST /}
 * with {@code X-Amz-Target: AWSStepFunctions.<Operation>} and a JSON body, answered with
 * {@code Content-Type: application/x-amz-json-1.0}; errors as HTTP 400 with {@code __type} and
 * {@code message}. So the AWS CLI and SDKs drive the rehearsal with {@code --endpoint-url}:
 * ListStateMachines, DescribeStateMachine, StartExecution, DescribeExecution, ListExecutions,
 * GetExecutionHistory, StopExecution, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
 * Requests are not signature-checked (any credentials do).
 */
public final class StepFunctionsEndpoint implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final ObjectMapper mapper = Json.mapper();
    private final LocalStepFunctions sfn;
    private HttpServer server;
    private ExecutorService executor;

    public StepFunctionsEndpoint(LocalStepFunctions sfn) {
        this.sfn = sfn;
    }

    public synchronized StepFunctionsEndpoint start() {
        if (server != null) return this;
        try {
            server = LoopbackHttpServer.create(64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the local Step Functions endpoint", e);
        }
        executor = Executors.newFixedThreadPool(8, r -> Thread.ofPlatform().daemon().name("local-sfn").unstarted(r));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT} */
    public synchronized URI baseUri() {
        if (server == null) throw new IllegalStateException("endpoint not started");
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    @Override
    public synchronized void close() {
        if (server == null) return;
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = ex.getRequestBody().readAllBytes();
            ObjectNode response;
            int status = 200;
            try {
                if (!"POST".equals(ex.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                    throw new StepFunctionsException("UnknownOperationException", "expected POST / with X-Amz-Target: "
                            + TARGET_PREFIX + "<Operation>, got " + ex.getRequestMethod() + " " + target);
                }
                JsonNode request = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
                if (request == null || !request.isObject()) {
                    throw new StepFunctionsException("SerializationException", "the request body is not a JSON object");
                }
                response = operation(target.substring(TARGET_PREFIX.length()), request);
            } catch (StepFunctionsException e) {
                status = 400;
                response = mapper.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                status = 400;
                response = mapper.createObjectNode().put("__type", "SerializationException").put("message", e.getOriginalMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 500;
                response = mapper.createObjectNode().put("__type", "InternalFailure").put("message", "interrupted");
            } catch (RuntimeException e) {
                status = 500;
                response = mapper.createObjectNode().put("__type", "InternalFailure").put("message", String.valueOf(e));
            }
            byte[] out = mapper.writeValueAsBytes(response);
            ex.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
            ex.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            ex.sendResponseHeaders(status, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private ObjectNode operation(String name, JsonNode in) throws InterruptedException {
        return switch (name) {
            case "ListStateMachines" -> page(in, sfn.stateMachines(), "stateMachines", this::listItem);
            case "DescribeStateMachine" -> describe(sfn.stateMachine(required(in, "stateMachineArn")));
            case "StartExecution" -> {
                LocalStepFunctions.Execution x = sfn.startExecution(required(in, "stateMachineArn"), optional(in, "name"),
                        optional(in, "input"));
                yield mapper.createObjectNode().put("executionArn", x.arn())
                        .put("startDate", ExecutionHistory.epochSeconds(x.startDate()));
            }
            case "DescribeExecution" -> describe(sfn.execution(required(in, "executionArn")));
            case "ListExecutions" -> page(in, sfn.executions(required(in, "stateMachineArn"), optional(in, "statusFilter")),
                    "executions", this::listItem);
            case "GetExecutionHistory" -> history(in);
            case "StopExecution" -> mapper.createObjectNode().put("stopDate", ExecutionHistory.epochSeconds(
                    sfn.stopExecution(required(in, "executionArn"), optional(in, "error"), optional(in, "cause"))));
            case "SendTaskSuccess" -> {
                sfn.sendTaskSuccess(required(in, "taskToken"), required(in, "output"));
                yield mapper.createObjectNode();
            }
            case "SendTaskFailure" -> {
                sfn.sendTaskFailure(required(in, "taskToken"), optional(in, "error"), optional(in, "cause"));
                yield mapper.createObjectNode();
            }
            case "SendTaskHeartbeat" -> {
                sfn.sendTaskHeartbeat(required(in, "taskToken"));
                yield mapper.createObjectNode();
            }
            default -> throw new StepFunctionsException("UnknownOperationException",
                    "the local Step Functions endpoint does not serve " + name);
        };
    }

    private ObjectNode history(JsonNode in) {
        LocalStepFunctions.Execution x = sfn.execution(required(in, "executionArn"));
        List<ObjectNode> events = x.history();
        if (in.path("reverseOrder").asBoolean(false)) events = events.reversed();
        boolean data = in.path("includeExecutionData").asBoolean(true);
        return page(in, events, "events", e -> data ? e : withoutData(e));
    }

    /** includeExecutionData false: the events without inputs and outputs. */
    private static ObjectNode withoutData(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.properties().forEach(p -> {
            if (p.getValue() instanceof ObjectNode details) details.remove(List.of("input", "output"));
        });
        return copy;
    }

    /** maxResults (0 = 100, at most 1000) and nextToken (an offset) as AWS pages lists. */
    private <T> ObjectNode page(JsonNode in, List<T> all, String field, Function<T, ObjectNode> item) {
        int max = in.path("maxResults").asInt(0);
        if (max < 0 || max > MAX_PAGE) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value '" + max
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
        }
        int size = max == 0 ? DEFAULT_PAGE : max;
        int from = 0;
        String token = optional(in, "nextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) throw new StepFunctionsException("InvalidToken", "Invalid Token: '" + token + "'");
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode list = out.putArray(field);
        int to = Math.min(all.size(), from + size);
        for (T t : all.subList(from, to)) list.add(item.apply(t));
        if (to < all.size()) out.put("nextToken", Integer.toString(to));
        return out;
    }

    private ObjectNode listItem(LocalStepFunctions.StateMachine m) {
        return mapper.createObjectNode().put("stateMachineArn", m.arn()).put("name", m.name()).put("type", "STANDARD")
                .put("creationDate", ExecutionHistory.epochSeconds(m.creationDate()));
    }

    private ObjectNode describe(LocalStepFunctions.StateMachine m) {
        ObjectNode o = listItem(m).put("status", "ACTIVE").put("definition", m.definition()).put("roleArn", m.roleArn());
        o.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        o.putObject("tracingConfiguration").put("enabled", false);
        return o;
    }

    private ObjectNode listItem(LocalStepFunctions.Execution x) {
        ObjectNode o = mapper.createObjectNode().put("executionArn", x.arn()).put("stateMachineArn", x.machine().arn())
                .put("name", x.name()).put("status", x.status())
                .put("startDate", ExecutionHistory.epochSeconds(x.startDate()));
        x.stopDate().ifPresent(d -> o.put("stopDate", ExecutionHistory.epochSeconds(d)));
        return o;
    }

    private ObjectNode describe(LocalStepFunctions.Execution x) {
        ObjectNode o = listItem(x).put("input", x.input());
        o.putObject("inputDetails").put("included", true);
        x.result().ifPresent(r -> {
            switch (r.status()) {
                case SUCCEEDED -> {
                    o.put("output", r.output() == null ? "null" : r.output().toString());
                    o.putObject("outputDetails").put("included", true);
                }
                case FAILED, TIMED_OUT -> {
                    if (r.error() != null) o.put("error", r.error());
                    if (r.cause() != null) o.put("cause", r.cause());
                }
                case ABORTED -> {
                    if (x.stopError() != null) o.put("error", x.stopError());
                    if (x.stopCause() != null) o.put("cause", x.stopCause());
                }
            }
        });
        x.engineFailure().ifPresent(f -> o.put("error", "States.Runtime").put("cause", f));
        o.put("redriveCount", 0);
        return o;
    }

    /** A member the model marks required: AWS's validation error when absent. */
    private static String required(JsonNode in, String member) {
        String v = optional(in, member);
        if (v == null) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private static String optional(JsonNode in, String member) {
        JsonNode v = in.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }
}
