package io.cutover.testing;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running in this JVM (in memory, shared by all credentials and regions, on a free
 * port of 127.0.0.1 only), for tests and the local rehearsal. Start once per test class; every
 * {@link #client()} talks to the same server.
 *
 * <p>DynamoDB Local's own launcher ({@code ServerRunner}, {@code DynamoDBProxyServer}) binds its
 * Jetty server to every interface and has no option for the address; so its request handler runs
 * here on a Jetty connector bound to the loopback address (and no telemetry is set up at all).
 *
 * <pre>
 * try (DynamoDbLocal ddb = DynamoDbLocal.start()) {
 *     DynamoDbClient client = ddb.client();
 * }
 * </pre>
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final int port;
    private final List<DynamoDbClient> clients = new ArrayList<>();

    private DynamoDbLocal(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.port = port;
    }

    /** Starts a fresh in-memory server on 127.0.0.1 and a port the system chooses. */
    public static DynamoDbLocal start() {
        Server server = new Server();
        try {
            // port (unused in memory), inMemory, dbPath, sharedDb, delayTransientStatuses
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
            ContextHandler context = new ContextHandler();
            context.setHandler(handler);
            server.setHandler(new ContextHandlerCollection(context));
            server.start();
            return new DynamoDbLocal(server, handler, connector.getLocalPort());
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // not started
            }
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** A client for this server; closed with the server. DynamoDB Local accepts any credentials. */
    public synchronized DynamoDbClient client() {
        return client(List.of());
    }

    /**
     * A client whose requests also go through the given interceptors (e.g. {@link ApiModelCheck}).
     * Apache's HTTP client, not url-connection (the Lambdas' own): it sets TCP_NODELAY, so a request
     * does not wait for the server's delayed ACK between its headers and its body, and it pools
     * more than url-connection's five keep-alive connections - half the time per call measured here.
     */
    public synchronized DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        DynamoDbClient client = DynamoDbClient.builder()
                .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor))
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        clients.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        clients.forEach(DynamoDbClient::close);
        clients.clear();
        try {
            server.stop();
            handler.close();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
