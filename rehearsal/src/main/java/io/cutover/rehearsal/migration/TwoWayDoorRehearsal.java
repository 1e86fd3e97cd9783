package io.cutover.rehearsal.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.rehearsal.StatePrinter;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.twoway.SwitchoverRehearsal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A migration through the two-way door and the failback a DBA starts from its output: the
 * migration with {@code afterCutover: twoWayDoor} (the backward task target -> source created
 * before the freeze, started inside it), then - if asked - the switchover runbook's B_TO_A started
 * with the run's {@code result.failbackInput} as it is, the applications writing throughout. At
 * the end the applications are stopped and both databases compared table by table.
 */
public record TwoWayDoorRehearsal(LocalCloud cloud, PrintStream out, MigrationRehearsal migration,
                                  SwitchoverRehearsal switchover) {
    /** How long the applications' writes may take to show where the rehearsal waits for them. */
    static final Duration WRITES_WAIT = Duration.ofSeconds(60);
    /** Transactions the shop must commit on a site before the rehearsal moves on: the door is crossed with traffic. */
    static final long WRITES_BEFORE_MOVING_ON = 20;

    /**
     * What the rehearsal did and saw.
     *
     * @param failbackInput the migration's {@code result.failbackInput} (null: the migration did not succeed)
     * @param failback      the failback's execution (null: not run)
     * @param source        every table on the source at the end, the applications stopped
     * @param target        the same on the target once it matched the source or the wait ran out
     */
    public record Outcome(MigrationRehearsal.Outcome migration, ObjectNode failbackInput, ExecutionResult failback,
                          List<MigrationSites.TableDigest> source, List<MigrationSites.TableDigest> target) {

        public String failbackRunId() {
            return migration.runId() + "-failback";
        }

        public boolean equalAtEnd() {
            return source != null && source.equals(target);
        }
    }

    /** The two runbooks' rehearsals on one local cloud, printing to {@code out}. */
    public TwoWayDoorRehearsal(LocalCloud cloud, PrintStream out) {
        this(cloud, out, new MigrationRehearsal(cloud, out), new SwitchoverRehearsal(cloud, out));
    }

    /** Each run's report page goes to {@code <directory>/<runId>/report.html}, the failback's too. */
    public TwoWayDoorRehearsal writeReportsTo(Path directory) {
        migration.writeReportsTo(directory);
        switchover.writeReportsTo(directory);
        return this;
    }

    /**
     * The migration through the door, then the failback when {@code failback} and the migration
     * succeeded; the applications (started by the caller) are stopped before the comparison.
     */
    public Outcome run(MigrationSites sites, String runId, MigrationRehearsal.Options options, boolean failback)
            throws Exception {
        if (sites.doorSourceEndpointArn == null) sites.registerTwoWayDoor(cloud);
        MigrationRehearsal.Options o = new MigrationRehearsal.Options(options.failAt(), options.drift(), options.lobOverLimit(),
                options.lobMaxSizeKb(), options.verbose(), options.s3(), options.parameterGroup(), true);
        MigrationRehearsal.Outcome m = migration.run(sites, runId, o);
        ObjectNode failbackInput = m.execution().succeeded()
                && m.execution().output().path("result").path("failbackInput") instanceof ObjectNode in ? in : null;
        ExecutionResult f = null;
        PgServer reference = sites.target.primary();
        if (failback && failbackInput != null) {
            // The applications write on the target first: the backward task must have something to carry home.
            ShopApplication shop = sites.shop();
            awaitWrites(shop::committedOnTarget);
            String failbackId = runId + "-failback";
            f = switchover.run(failbackId, failbackInput, null,
                    o.verbose() ? new StatePrinter(failbackId, out) : ExecutionListener.NONE);
            if (f.succeeded()) {
                reference = sites.source.primary();
                long before = shop.committed();
                awaitWrites(() -> shop.committed() - before);
            } else {
                out.printf("failback %s: source %s%n          target %s%n", f.status(), subscriptions(sites.source.primary()),
                        subscriptions(sites.target.primary()));
            }
        }
        sites.stopApplications();
        // The applications' last site is the reference; the task into the other one catches up.
        PgServer other = reference == sites.source.primary() ? sites.target.primary() : sites.source.primary();
        List<MigrationSites.TableDigest> onReference = MigrationRehearsal.digest(reference);
        List<MigrationSites.TableDigest> onOther = MigrationRehearsal.awaitEqual(other, onReference, Duration.ofSeconds(30));
        boolean sourceIsReference = reference == sites.source.primary();
        return new Outcome(m, failbackInput, f, sourceIsReference ? onReference : onOther,
                sourceIsReference ? onOther : onReference);
    }

    /** Waits (generously) until the applications committed enough; the rehearsal's checks then say whether they did. */
    private static void awaitWrites(LongSupplier committed) {
        io.cutover.waiting.Poll.until(WRITES_WAIT, () -> committed.getAsLong() >= WRITES_BEFORE_MOVING_ON);
    }

    /** The local DMS's subscriptions on a server and their apply errors: what to look at when a flow stops. */
    public static String subscriptions(PgServer server) {
        StringBuilder b = new StringBuilder();
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.subname, s.subenabled, s.suborigin, coalesce(t.apply_error_count, 0),"
                     + " coalesce(t.sync_error_count, 0) FROM pg_subscription s LEFT JOIN pg_stat_subscription_stats t"
                     + " ON t.subid = s.oid")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append(" enabled=").append(rs.getBoolean(2)).append(" origin=").append(rs.getString(3))
                        .append(" applyErrors=").append(rs.getLong(4)).append(" syncErrors=").append(rs.getLong(5)).append("; ");
            }
        } catch (SQLException e) {
            b.append(e.getMessage());
        }
        return b.toString();
    }
}
