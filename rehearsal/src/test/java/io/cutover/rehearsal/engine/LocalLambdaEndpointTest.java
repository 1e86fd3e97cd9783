package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local Lambda Invoke API and task-token channel, spoken to over HTTP like the harness does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalLambdaEndpointTest {

    LocalLambdaEndpoint endpoint;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        endpoint = new LocalLambdaEndpoint().start();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    HttpResponse<String> invoke(String nameOrArn, String payload) throws IOException, InterruptedException {
        URI uri = endpoint.baseUri().resolve("/2015-03-31/functions/"
                + URLEncoder.encode(nameOrArn, StandardCharsets.UTF_8) + "/invocations");
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> tasks(String method, String token, String query) throws IOException, InterruptedException {
        URI uri = endpoint.baseUri().resolve("/tasks/" + token + (query == null ? "" : "?" + query));
        HttpRequest.BodyPublisher body = "POST".equals(method)
                ? HttpRequest.BodyPublishers.ofString("{\"executionName\":\"e1\",\"stateName\":\"S\"}")
                : HttpRequest.BodyPublishers.noBody();
        return http.send(HttpRequest.newBuilder(uri).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void invokesTheHandlerRegisteredUnderTheFunctionNameOfAnArn() throws Exception {
        endpoint.register("greet", (in, out, ctx) -> {
            JsonNode p = Json.mapper().readTree(in);
            out.write(("{\"hello\":\"" + p.path("name").asText() + "\",\"fn\":\"" + ctx.getFunctionName()
                    + "\",\"arn\":\"" + ctx.getInvokedFunctionArn() + "\"}").getBytes(StandardCharsets.UTF_8));
        });

        HttpResponse<String> byArn = invoke(endpoint.functionArn("greet"), "{\"name\":\"ada\"}");
        HttpResponse<String> byName = invoke("greet", "{\"name\":\"bob\"}");
        HttpResponse<String> byQualifiedArn = invoke(endpoint.functionArn("greet") + ":live", "{\"name\":\"cy\"}");

        assertEquals(200, byArn.statusCode());
        assertTrue(byArn.headers().firstValue("X-Amz-Function-Error").isEmpty());
        assertEquals("$LATEST", byArn.headers().firstValue("X-Amz-Executed-Version").orElseThrow());
        JsonNode body = Json.mapper().readTree(byArn.body());
        assertEquals("ada", body.path("hello").asText());
        assertEquals("greet", body.path("fn").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:greet", body.path("arn").asText());
        assertEquals("bob", Json.mapper().readTree(byName.body()).path("hello").asText());
        assertEquals("cy", Json.mapper().readTree(byQualifiedArn.body()).path("hello").asText());
        assertEquals(3, endpoint.invocations().size());
    }

    @Test
    void aThrowingHandlerAnswersLikeTheAwsJavaRuntime() throws Exception {
        endpoint.register("fails", (in, out, ctx) -> {
            throw new IllegalArgumentException("sourceArn is missing");
        });
        endpoint.register("failsWithoutMessage", (in, out, ctx) -> {
            throw new NullPointerException();
        });

        HttpResponse<String> r = invoke("fails", "{}");
        assertEquals(200, r.statusCode());
        assertEquals("Unhandled", r.headers().firstValue("X-Amz-Function-Error").orElseThrow());
        JsonNode error = Json.mapper().readTree(r.body());
        assertEquals("sourceArn is missing", error.path("errorMessage").asText());
        assertEquals("java.lang.IllegalArgumentException", error.path("errorType").asText());
        assertTrue(error.path("stackTrace").get(0).asText().startsWith("io.cutover.rehearsal.engine.LocalLambdaEndpointTest"),
                error::toString);

        JsonNode npe = Json.mapper().readTree(invoke("failsWithoutMessage", "{}").body());
        assertEquals("java.lang.NullPointerException", npe.path("errorType").asText());
        assertTrue(npe.hasNonNull("errorMessage"));
        assertTrue(endpoint.invocations().stream().allMatch(LocalLambdaEndpoint.Invocation::failed));
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() throws Exception {
        HttpResponse<String> r = invoke("arn:aws:lambda:us-east-1:123456789012:function:ghost", "{}");

        assertEquals(404, r.statusCode());
        assertEquals("ResourceNotFoundException", r.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(Json.mapper().readTree(r.body()).path("Message").asText().contains("function:ghost"));
    }

    @Test
    void invocationsRunConcurrently() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        endpoint.register("rendezvous", (in, out, ctx) -> {
            bothInside.countDown();
            try {
                if (!bothInside.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other invocation never arrived");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("\"met\"".getBytes(StandardCharsets.UTF_8));
        });

        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> call("rendezvous"));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> call("rendezvous"));

        assertEquals("\"met\"", a.get(20, TimeUnit.SECONDS).body());
        assertEquals("\"met\"", b.get(20, TimeUnit.SECONDS).body());
    }

    private HttpResponse<String> call(String fn) {
        try {
            return invoke(fn, "{}");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void taskTokensLongPollUntilCompletedAndAreForgottenWhenReleased() throws Exception {
        LocalTaskCallbacks callbacks = endpoint.taskCallbacks();
        assertFalse(callbacks.succeed("tok-1", "{}"), "unknown token");
        assertEquals(201, tasks("POST", "tok-1", null).statusCode());
        assertEquals(1, callbacks.pending().size());

        HttpResponse<String> pending = tasks("GET", "tok-1", "waitMs=100");
        assertEquals(204, pending.statusCode());
        assertTrue(Long.parseLong(pending.headers().firstValue("X-Task-Last-Heartbeat").orElseThrow()) > 0);

        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return tasks("GET", "tok-1", "waitMs=20000");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(poll.isDone(), "long poll waits");
        long t0 = System.nanoTime();
        assertTrue(callbacks.succeed("tok-1", "{\"ok\":1}"));
        HttpResponse<String> done = poll.get(30, TimeUnit.SECONDS);
        // Well before the poll's 20 s: woken by the completion (a busy machine may take a second or more).
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 10_000, "woken at once");
        assertEquals(200, done.statusCode());
        JsonNode body = Json.mapper().readTree(done.body());
        assertEquals("SUCCEEDED", body.path("status").asText());
        assertEquals(1, body.at("/output/ok").asInt());
        assertFalse(callbacks.succeed("tok-1", "{}"), "completed once");

        assertEquals(201, tasks("POST", "tok-2", null).statusCode());
        assertTrue(callbacks.heartbeat("tok-2"));
        assertEquals(204, tasks("DELETE", "tok-2", null).statusCode());
        assertFalse(callbacks.heartbeat("tok-2"));
        assertFalse(callbacks.fail("tok-2", "E", "released"), "released (timed out) token");
        assertEquals(404, tasks("GET", "tok-2", "waitMs=10").statusCode());
    }
}
