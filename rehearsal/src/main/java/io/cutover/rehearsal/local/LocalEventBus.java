package io.cutover.rehearsal.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * EventBridge for the rehearsal: RDS- and DMS-shaped events delivered, asynchronously, to the
 * same event handler Lambda the AWS rules target. Faults make it behave like the real thing at
 * its worst: events lost, duplicated, delayed, or delivered out of order.
 */
public final class LocalEventBus implements AutoCloseable {

    /**
     * @param lose       drop every event (the poll fallback must finish the run)
     * @param duplicates extra copies of each event
     * @param delay      delivery delay of each event
     * @param reorder    spread deliveries randomly over the delay (at least 0.5 s), so later events
     *                   can arrive before earlier ones
     */
    public record Faults(boolean lose, int duplicates, Duration delay, boolean reorder) {
        public static final Faults NONE = new Faults(false, 0, Duration.ZERO, false);
    }

    private final ScheduledExecutorService delivery = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "local-eventbridge");
        t.setDaemon(true);
        return t;
    });
    private final List<RequestStreamHandler> targets = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> published = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private volatile Faults faults = Faults.NONE;

    public void target(RequestStreamHandler handler) {
        targets.add(handler);
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    public List<ObjectNode> published() {
        return List.copyOf(published);
    }

    public long delivered() {
        return delivered.get();
    }

    /** RDS DB Instance Event, as EventBridge carries it. */
    public void rdsInstanceEvent(String instanceId, String eventId, String category, String message) {
        ObjectNode e = envelope("aws.rds", "RDS DB Instance Event");
        String arn = "arn:aws:rds:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT + ":db:" + instanceId;
        ((ArrayNode) e.get("resources")).add(arn);
        ObjectNode d = e.putObject("detail");
        d.putArray("EventCategories").add(category);
        d.put("SourceType", "DB_INSTANCE").put("SourceArn", arn).put("Date", Instant.now().toString())
                .put("Message", message).put("SourceIdentifier", instanceId).put("EventID", eventId);
        publish(List.of(e));
    }

    /** RDS DB Snapshot Event or RDS DB Cluster Snapshot Event. */
    public void rdsSnapshotEvent(String snapshotId, boolean cluster, String eventId, String message) {
        ObjectNode e = envelope("aws.rds", cluster ? "RDS DB Cluster Snapshot Event" : "RDS DB Snapshot Event");
        String arn = "arn:aws:rds:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT + ":"
                + (cluster ? "cluster-snapshot:" : "snapshot:") + snapshotId;
        ((ArrayNode) e.get("resources")).add(arn);
        ObjectNode d = e.putObject("detail");
        d.putArray("EventCategories").add(cluster ? "backup" : "creation");
        d.put("SourceType", cluster ? "CLUSTER_SNAPSHOT" : "SNAPSHOT").put("SourceArn", arn).put("Date", Instant.now().toString())
                .put("Message", message).put("SourceIdentifier", snapshotId).put("EventID", eventId);
        publish(List.of(e));
    }

    /** DMS Replication Task State Change. */
    public void dmsTaskEvent(String taskArn, String eventType, String eventName, String message) {
        ObjectNode e = envelope("aws.dms", "DMS Replication Task State Change");
        ((ArrayNode) e.get("resources")).add(taskArn);
        e.putObject("detail").put("type", "REPLICATION_TASK").put("category", "StateChange")
                .put("eventType", eventType).put("eventName", eventName).put("detailMessage", message);
        publish(List.of(e));
    }

    private ObjectNode envelope(String source, String detailType) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", detailType)
                .put("source", source).put("account", LocalSecrets.ACCOUNT).put("time", Instant.now().toString())
                .put("region", LocalSecrets.REGION);
        e.putArray("resources");
        return e;
    }

    private void publish(List<ObjectNode> events) {
        published.addAll(events);
        Faults f = faults;
        if (f.lose()) return;
        List<ObjectNode> batch = new ArrayList<>();
        for (ObjectNode e : events) {
            for (int i = 0; i <= f.duplicates(); i++) batch.add(e);
        }
        long delayMs = f.delay().toMillis();
        for (int i = 0; i < batch.size(); i++) {
            ObjectNode e = batch.get(i);
            long at = f.reorder()
                    ? java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(delayMs, 500) + 1)
                    : delayMs + i * 5L;
            delivery.schedule(() -> deliver(e), at, TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(ObjectNode event) {
        for (RequestStreamHandler target : targets) {
            try {
                target.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)),
                        new ByteArrayOutputStream(), null);
                delivered.incrementAndGet();
            } catch (Exception e) {
                // EventBridge would retry and then dead-letter; the rehearsal just reports it.
                System.err.println("event delivery failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
