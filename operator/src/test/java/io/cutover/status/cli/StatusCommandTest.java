package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cli.CommandOutput;
import io.cutover.json.Json;
import io.cutover.probe.Position;
import io.cutover.instance.Engine;
import io.cutover.status.AppEntry;
import io.cutover.status.InstanceStatus;
import io.cutover.status.LogTail;
import io.cutover.status.ReplicaPosition;
import io.cutover.status.ReplicationSlot;
import io.cutover.status.StatusReport;
import io.cutover.status.StatusReport.Section;
import io.cutover.status.TaskStatus;
import io.cutover.status.WalSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cutover.testing.TextAssertions.assertContainsEach;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line over a saved report: rendering, JSON, watch, exit status, usage. */
class StatusCommandTest {
    @TempDir
    Path dir;

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    private int run(int maxReports, String... args) {
        CommandOutput r = CommandOutput.of(new StatusCommand(maxReports), args);
        out.append(r.out());
        err.append(r.err());
        return r.status();
    }

    private Path saved(boolean withError) throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put("sourceInstance", Section.content("Source instance orders-prod", new InstanceStatus("orders-prod",
                "available", "postgres", "primary", null, List.of("orders-replica"), true, "orders.abc.rds.amazonaws.com:5432",
                "arn:aws:rds:eu-west-1:123456789012:db:orders-prod"), 41));
        sections.put("replicaInstance", Section.content("Replica instance orders-replica", new InstanceStatus("orders-replica",
                "available", "postgres", "replica of orders-prod", "orders-prod", List.of(), false, "r.abc:5432", "arn:r"), 40));
        sections.put("sourcePosition", Section.content("Source position", new Position(Engine.POSTGRES, "4AF/B0001000",
                "pg_current_wal_insert_lsn()"), 12));
        sections.put("replicaPosition", withError ? Section.error("Replica position and lag",
                "server position failed on postgres r.abc:5432/orders: Connection refused", 3)
                : Section.content("Replica position and lag", new ReplicaPosition("replica", "4AF/B0000F00", "replayed",
                "4AF/B0001000", 0.4, 256L, "bytes", null, null), 15));
        sections.put("sourceReplication", Section.content("pg_stat_replication on the source", List.of(new WalSender(4242,
                "walreceiver", "10.0.1.7", "streaming", "async", "rds_replica_slot", "4AF/B0001000", "4AF/B0001000",
                "4AF/B0001000", "4AF/B0000F00", 0.001, 0.002, 0.4, 256L)), 9));
        sections.put("sourceSlots", Section.content("Replication slots on the source", List.of(new ReplicationSlot(
                "cutover_run_42", "logical", "test_decoding", "orders", false, "4AF/A0000000", "4AF/A0000100", 268_439_552L,
                "reserved")), 9));
        sections.put("sourceLog", Section.content("Server log of the source", LogTail.unreadable("pg_current_logfile()",
                "not readable: permission denied for function pg_read_file"), 7));
        sections.put("dmsTasks", Section.content("DMS tasks", List.of(new TaskStatus("arn:task", "cutover-run-42-cdc", "running",
                "cdc", "arn:src", "arn:tgt", "4AF/B00000D0", "checkpoint:V1#1", null, null, Instant.parse("2026-01-05T10:02:00Z"),
                new TaskStatus.Progress(0, 86_512L, 0, 0, 0, 0), new TaskStatus.CdcLatency(null, null, "CloudWatch"))), 88));
        sections.put("appMap", Section.content("Applications (appmap)", List.of(new AppEntry("orders-api", "FROZEN", "SITEA",
                "run-42", 3, Map.of("SITEA", "orders.abc:5432/orders"), "named")), 20));
        StatusReport report = new StatusReport(Instant.parse("2026-01-05T10:03:00Z"), "orders-prod", "orders-replica",
                "run-42", "postgres", sections);
        Path file = dir.resolve("report.json");
        Json.mapper().writeValue(file.toFile(), report);
        return file;
    }

    @Test
    void humanReadableReportShowsEverySectionAndErrorsInPlace() throws IOException {
        int status = run(1, "--report", saved(true).toString());

        String text = out.toString();
        assertEquals(StatusCommand.SOME_UNREADABLE, status, text);
        assertContainsEach(text, "source orders-prod   replica orders-replica   run run-42",
                "available   postgres   primary   Multi-AZ yes   orders.abc.rds.amazonaws.com:5432",
                "read replicas: orders-replica",
                "Replica position and lag  (3 ms)\n  ERROR: server position failed on postgres r.abc:5432/orders: Connection refused",
                "walreceiver  10.0.1.7  streaming", "cutover_run_42  logical  test_decoding  no", "268439552 B",
                "not readable: permission denied for function pg_read_file", "CDC start position 4AF/B00000D0",
                "orders-api   FROZEN  SITEA");
    }

    @Test
    void completeReportExitsZero() throws IOException {
        assertEquals(StatusCommand.COMPLETE, run(1, "--report", saved(false).toString()));
        assertTrue(out.toString().contains("replica: applied 4AF/B0000F00"), out.toString());
        assertTrue(out.toString().contains("lag 0.4 s, 256 bytes behind the source at 4AF/B0001000"));
    }

    @Test
    void jsonIsTheReportItself() throws IOException {
        run(1, "--report", saved(true).toString(), "--json");
        JsonNode json = Json.mapper().readTree(out.toString());
        assertEquals("run-42", json.path("runId").asText());
        assertTrue(json.at("/sections/replicaPosition/error").asText().contains("Connection refused"));
        assertEquals("primary", json.at("/sections/sourceInstance/content/role").asText());
    }

    @Test
    void watchRedrawsInPlace() throws IOException {
        long start = System.nanoTime();
        run(2, "--report", saved(false).toString(), "--watch", "1");
        String text = out.toString();
        assertEquals(2, text.split("\033\\[H\033\\[2J", -1).length - 1, "screen cleared before each report");
        assertTrue(text.contains("refreshing every 1 s"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 1_000, "waited between reports");
    }

    @Test
    void badArgumentsAndMissingRehearsal() {
        assertEquals(StatusCommand.USAGE, run(1, "--bogus"));
        assertTrue(err.toString().contains("status: Unknown option: '--bogus'"), err.toString());
        assertEquals(StatusCommand.USAGE, run(1, "--aws", "--source", "a", "--replica", "b", "--runs-table", "r"));
        assertEquals(StatusCommand.NO_REPORT, run(1, "--local", dir.resolve("cloud.json").toString()));
        assertTrue(err.toString().contains("start a rehearsal that stays up with ./rehearse --keep-running"));
    }
}
