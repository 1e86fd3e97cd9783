package io.cutover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.cutover.json.Json;
import io.cutover.dms.layout.TaskSettingsLayout;
import io.cutover.testing.ApiModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A fake AWS endpoint on loopback: answers with queued recorded responses, records requests, and
 * checks every request against AWS's API model of its service ({@link ApiModel}) - and the DMS task
 * settings a request carries against DMS's settings layout. {@link #close()} fails the test on any
 * problem, unless the test expects them ({@link #expectProblems()}). As an instance field
 * {@code @RegisterExtension final StubAws aws = StubAws.start();} it is closed after each test,
 * with the clients it built.
 */
final class StubAws implements AutoCloseable, AfterEachCallback {
    /** The models of the services the adapters call, by X-Amz-Target prefix; RDS and CloudWatch speak Query. */
    private static final List<ApiModel> JSON_MODELS = List.of(ApiModel.load("dms-2016-01-01"),
            ApiModel.load("secretsmanager-2017-10-17"), ApiModel.load("states-2016-11-23"),
            ApiModel.load("dynamodb-2012-08-10"));
    private static final List<ApiModel> QUERY_MODELS = List.of(ApiModel.load("rds-2014-10-31"),
            ApiModel.load("monitoring-2010-08-01"));

    static final String XML = "text/xml";
    static final String JSON_1_0 = "application/x-amz-json-1.0";
    static final String JSON_1_1 = "application/x-amz-json-1.1";

    record Response(int status, String contentType, String body) {
    }

    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** X-Amz-Target of a JSON protocol call, e.g. "AmazonDMSv20160101.CreateEndpoint". */
        String target() {
            return header("X-Amz-Target");
        }

        /** The form parameters of a Query protocol call (RDS). */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.put(key, value);
            }
            return form;
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Asserts form parameters (name -> value) in one comparison: a failure shows every difference. */
        void assertForm(Map<String, String> expected) {
            Map<String, String> form = form();
            assertSent(expected, form::get);
        }

        /**
         * Asserts values of the JSON body as text, by JSON pointer ("/PostgreSQLSettings/SlotName" -> value),
         * in one comparison; a missing member reads as null.
         */
        void assertJson(Map<String, String> expected) {
            JsonNode json = json();
            assertSent(expected, pointer -> json.at(pointer).isMissingNode() ? null : json.at(pointer).asText());
        }

        private static void assertSent(Map<String, String> expected, Function<String, String> sent) {
            Map<String, String> actual = new TreeMap<>();
            expected.keySet().forEach(name -> actual.put(name, sent.apply(name)));
            assertEquals(new TreeMap<>(expected), actual);
        }
    }

    private final HttpServer server;
    private final Deque<Response> responses = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<SdkClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean problemsExpected;

    private StubAws(HttpServer server) {
        this.server = server;
    }

    static StubAws start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubAws stub = new StubAws(server);
            server.createContext("/", exchange -> {
                byte[] in = exchange.getRequestBody().readAllBytes();
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(in, StandardCharsets.UTF_8));
                stub.requests.add(request);
                stub.problems.addAll(check(request));
                Response r = stub.next();
                byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", r.contentType());
                exchange.getResponseHeaders().add("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555");
                exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized Response next() {
        Response r = responses.poll();
        return r != null ? r : new Response(500, "text/plain", "stub: no response queued");
    }

    /** Queues the recorded response {@code aws/<resource>} with the given status and content type. */
    synchronized StubAws reply(int status, String contentType, String resource) {
        responses.add(new Response(status, contentType, resource(resource)));
        return this;
    }

    static String resource(String name) {
        try (InputStream in = StubAws.class.getResourceAsStream("/aws/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test resource aws/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The only request received; fails if there was not exactly one. */
    Request onlyRequest() {
        if (requests.size() != 1) throw new AssertionError("expected exactly one request, got " + requests.size());
        return requests.get(0);
    }

    /** What the recorded requests got wrong against AWS's API models (empty: nothing). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** For a test that sends a bad request on purpose: close() then leaves its problems alone. */
    StubAws expectProblems() {
        problemsExpected = true;
        return this;
    }

    /** A request checked against its service's model: JSON protocol by X-Amz-Target, else Query (RDS, CloudWatch). */
    static List<String> check(Request r) {
        String target = r.target();
        if (target == null) {
            // Query calls name their service by the API version.
            String version = r.form().get("Version");
            return QUERY_MODELS.stream().filter(m -> m.apiVersion().equals(version)).findFirst()
                    .orElse(QUERY_MODELS.get(0)).checkQuery(r.form());
        }
        int dot = target.indexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot);
        String operation = target.substring(dot + 1);
        ApiModel model = JSON_MODELS.stream().filter(m -> m.targetPrefix().equals(prefix)).findFirst().orElse(null);
        if (model == null) return List.of("no API model for X-Amz-Target " + target);
        JsonNode body = r.body().isBlank() ? null : r.json();
        List<String> found = new ArrayList<>(model.checkJson(operation, body));
        JsonNode settings = body == null ? null : body.get("ReplicationTaskSettings");
        if (settings != null && settings.isTextual()) {
            try {
                found.addAll(TaskSettingsLayout.dms().problems(Json.mapper().readTree(settings.textValue()),
                        operation + ".ReplicationTaskSettings"));
            } catch (IOException e) {
                found.add(operation + ".ReplicationTaskSettings: not JSON");
            }
        }
        return found;
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** A real SDK client pointed at this stub: dummy credentials, one attempt per call. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
        C client = builder.endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Once: a test may close it early to refuse connections from then on. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) return;
        clients.forEach(SdkClient::close);
        server.stop(0);
        if (!problemsExpected && !problems.isEmpty()) {
            throw new AssertionError("requests that AWS's API models refuse:\n  " + String.join("\n  ", problems));
        }
    }
}
