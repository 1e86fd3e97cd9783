package io.cutover.rehearsal.twoway;

import io.cutover.heartbeat.HeartbeatSchema;
import io.cutover.rehearsal.pg.PgServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The heartbeat rows of both sites side by side, to show that a series of switchovers lost and
 * doubled nothing: both sites hold the same ids, every id the application saw committed is
 * there, no id or beat appears twice, and each site's ids stay in that site's range.
 */
public record HeartbeatLedger(List<Row> siteA, List<Row> siteB, Set<Long> committed) {

    public record Row(long id, long beat, String site) {
    }

    /** Reads both sites once replication has had the time to carry the last writes (bounded wait). */
    public static HeartbeatLedger converged(PgServer a, PgServer b, Set<Long> committed, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HeartbeatLedger ledger;
        do {
            ledger = new HeartbeatLedger(rows(a), rows(b), Set.copyOf(committed));
            if (ledger.sameIdsOnBothSites() && ledger.missing().isEmpty()) return ledger;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return ledger;
    }

    static List<Row> rows(PgServer server) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, beat, site FROM " + HeartbeatSchema.TABLE + " ORDER BY id")) {
            while (rs.next()) rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)));
        }
        return rows;
    }

    private Set<Long> idsA() {
        return ids(siteA);
    }

    private Set<Long> idsB() {
        return ids(siteB);
    }

    public boolean sameIdsOnBothSites() {
        return idsA().equals(idsB());
    }

    /** Committed ids absent from either site: lost heartbeats. */
    public Set<Long> missing() {
        // Each site's ids once, not once per committed row: quadratic in the rows made a ten-pair
        // benchmark's check take minutes.
        Set<Long> onA = idsA();
        Set<Long> onB = idsB();
        Set<Long> out = new TreeSet<>(committed);
        out.removeIf(id -> onA.contains(id) && onB.contains(id));
        return out;
    }

    /** Rows whose id or beat appears more than once on a site (a primary key and a unique constraint say none can). */
    public int duplicates() {
        return dup(siteA) + dup(siteB);
    }

    /** Rows whose id lies outside the range of the site that wrote it. */
    public List<Row> outOfRange() {
        List<Row> out = new ArrayList<>();
        for (Row r : siteA) {
            boolean siteBRange = r.id() >= HeartbeatSchema.SITE_B_FIRST_ID;
            if (siteBRange != "SITEB".equals(r.site())) out.add(r);
        }
        return out;
    }

    public long writtenOn(String site) {
        return siteA.stream().filter(r -> r.site().equals(site)).count();
    }

    private static int dup(List<Row> rows) {
        return (rows.size() - ids(rows).size()) + (rows.size() - (int) rows.stream().map(Row::beat).distinct().count());
    }

    private static Set<Long> ids(List<Row> rows) {
        Set<Long> out = new TreeSet<>();
        rows.forEach(r -> out.add(r.id()));
        return out;
    }
}
