package io.cutover.rehearsal.migration;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.waiting.Poll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration rehearsal's databases and applications with the local DMS alone (no runbook): a
 * full-load-and-cdc task moves the shop while both applications write to the source; once they are
 * frozen and the task has caught up, every table is equal on both sides.
 */
class MigrationSitesTest {

    @Test
    void theLocalDmsMovesTheShopWhileItsApplicationsWrite() throws Exception {
        try (LocalCloud cloud = new LocalCloud(Duration.ofMillis(200));
             MigrationSites sites = MigrationSites.start(cloud, "mig-sites", 40_000, 64 * 1024)) {
            // The rehearsal's start input is one the runbook's own parser (schema and rules) accepts.
            MigrationRehearsal.Options options = new MigrationRehearsal.Options(null, false, false, 1024, false);
            assertEquals("target:instance:" + sites.targetId, MigrationRehearsal.lockId(sites, "mig-sites", options));
            sites.startApplications(cloud, Duration.ofMillis(10));
            assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committed() >= 20), "the shop writes before the load");
            LocalReplication dms = cloud.replication();
            TaskDescription task = dms.createTask(new TaskSpec("mig-sites-task", LocalReplication.INSTANCE_ARN,
                    sites.sourceEndpointArn, sites.targetEndpointArn, "full-load-and-cdc",
                    "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"all\",\"object-locator\":"
                            + "{\"schema-name\":\"public\",\"table-name\":\"%\"},\"rule-action\":\"include\"}]}",
                    "{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\"}}", null, "mig-sites"));
            await(() -> dms.describeTask(task.arn()).orElseThrow().isStartable());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            List<Integer> percents;
            try (LoadProgress bar = new LoadProgress(dms, "mig-sites-task", "mig-sites",
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).start()) {
                dms.startTask(task.arn(), null);
                await(() -> dms.describeTask(task.arn()).orElseThrow().isFullLoadFinished());
                await(bar::sawLoadFinish);
                percents = bar.printed();
            }
            for (int i = 1; i < percents.size(); i++) {
                assertTrue(percents.get(i) >= percents.get(i - 1), "the load bar never goes back: " + percents);
            }
            String bar = printed.toString(StandardCharsets.UTF_8);
            assertTrue(bar.contains("100%") && bar.contains(MigrationSites.TABLES.size() + "/" + MigrationSites.TABLES.size()
                    + " tables loaded"), bar);
            List<TableStatistic> stats = dms.tableStatistics(task.arn());
            assertEquals(MigrationSites.TABLES, stats.stream().map(TableStatistic::table).toList());
            assertTrue(stats.stream().filter(s -> s.table().equals("events")).findFirst().orElseThrow().rows() >= 40_000);

            long afterLoad = sites.shop().committed();
            assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committed() >= afterLoad + 20),
                    "the applications write on; CDC carries it");
            for (String app : List.of(sites.heartbeatApp, sites.shopApp)) {
                cloud.ports().appMap().put(freeze(cloud.ports().appMap().get(app).orElseThrow()));
            }
            // The source read again each time: a write in flight when the freeze came may commit late
            // on a busy machine, and CDC carries it too.
            List<List<MigrationSites.TableDigest>> last = new ArrayList<>(List.of(List.of(), List.of()));
            Poll.until(Duration.ofSeconds(60), () -> {
                try {
                    last.set(0, MigrationSites.digest(sites.source.primary()));
                    last.set(1, MigrationSites.digest(sites.target.primary()));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return last.get(0).equals(last.get(1));
            });
            assertEquals(last.get(0), last.get(1));
            assertTrue(sites.shop().committed() > 10, "the shop wrote " + sites.shop().committed());
            assertEquals(0, sites.shop().failedWrites(), sites.shop().lastError());
            assertEquals(0, sites.heartbeat().failedWrites(), sites.heartbeat().lastError());
        }
    }

    private static Application freeze(Application a) {
        return new Application(a.name(), a.sites(), a.activeSite(), AppStatus.FROZEN, "test", a.version());
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        assertTrue(Poll.until(Duration.ofSeconds(90), condition), "timed out");
    }
}
