package io.cutover.rehearsal.local;

import io.cutover.instance.ClusterDescription;
import io.cutover.instance.DatabaseInstances.ApplyMethod;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.instance.SnapshotDescription;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local RDS's clusters, snapshots, parameter groups and reboots, on one real PostgreSQL 17 server. */
class LocalRdsTest {
    static PostgresCluster server;
    static LocalEventBus bus;
    static LocalInstances rds;

    @BeforeAll
    static void start() {
        server = PostgresCluster.builder().withoutReplica().start();
        bus = new LocalEventBus();
        rds = new LocalInstances(bus, Duration.ofMillis(100));
        rds.addCluster("shop", server.primary());
    }

    @AfterAll
    static void stop() {
        if (bus != null) bus.close();
        if (server != null) server.close();
    }

    @Test
    void aClusterIsItsWriterInstanceBehindTheClusterEndpoint() {
        ClusterDescription c = rds.describeCluster("shop").orElseThrow();
        assertEquals("available", c.status());
        assertEquals("shop-instance-1", c.writerInstanceId());
        assertEquals(server.primary().port(), c.port());
        assertEquals(new ParameterGroupRef("shop-cluster-params", true), c.parameterGroupRef());
        InstanceDescription writer = rds.describe("shop-instance-1").orElseThrow();
        assertEquals("shop", writer.clusterId());
        assertEquals("aurora-postgresql", writer.engine());
        assertEquals(Optional.empty(), rds.describeCluster("other"));
    }

    @Test
    void snapshotsGoFromCreatingToAvailableWithRdsEvents() throws Exception {
        rds.createClusterSnapshot("shop", "shop-before-cutover", "run-1");
        assertEquals("creating", rds.describeClusterSnapshot("shop-before-cutover").orElseThrow().status());
        assertEquals(Optional.empty(), rds.describeInstanceSnapshot("shop-before-cutover"), "a cluster snapshot is not an instance's");
        assertThrows(IllegalStateException.class, () -> rds.createClusterSnapshot("shop", "shop-before-cutover", "run-1"));
        SnapshotDescription done = await(() -> rds.describeClusterSnapshot("shop-before-cutover").orElseThrow(),
                SnapshotDescription::isAvailable);
        assertEquals("shop", done.sourceId());
        rds.createInstanceSnapshot("shop-instance-1", "instance-snap", "run-1");
        await(() -> rds.describeInstanceSnapshot("instance-snap").orElseThrow(), SnapshotDescription::isAvailable);
        await(() -> bus.published().stream().map(e -> e.path("detail").path("EventID").asText()).toList(),
                ids -> ids.containsAll(List.of("RDS-EVENT-0074", "RDS-EVENT-0075", "RDS-EVENT-0040", "RDS-EVENT-0042")));
    }

    @Test
    void parametersTakeEffectAtOnceOrAtTheRebootAsAsked() throws Exception {
        ParameterGroupRef group = new ParameterGroupRef("shop-cluster-params", true);
        rds.setParameter(group, "work_mem", "7MB", ApplyMethod.IMMEDIATE);
        assertEquals(Optional.of("7MB"), rds.parameterValue(group, "work_mem"));
        await(() -> show(server.primary(), "work_mem"), "7MB"::equals);
        rds.setParameter(group, "max_locks_per_transaction", "80", ApplyMethod.PENDING_REBOOT);
        assertEquals("64", show(server.primary(), "max_locks_per_transaction"), "static: not before the reboot");
        rds.reboot("shop-instance-1");
        await(() -> rds.describe("shop-instance-1").orElseThrow().status(), "available"::equals);
        assertEquals("80", show(server.primary(), "max_locks_per_transaction"));
        assertThrows(IllegalArgumentException.class,
                () -> rds.setParameter(new ParameterGroupRef("default.aurora-postgresql17", true), "work_mem", "1MB",
                        ApplyMethod.IMMEDIATE));
        assertTrue(bus.published().stream().anyMatch(e -> e.path("detail").path("EventID").asText().equals("RDS-EVENT-0006")));
    }

    static String show(PgServer s, String parameter) {
        try (Connection c = s.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + parameter)) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "unreachable: " + e.getMessage();
        }
    }

    static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value)) return value;
            if (System.nanoTime() > deadline) throw new AssertionError("still " + value);
            Thread.sleep(50);
        }
    }
}
