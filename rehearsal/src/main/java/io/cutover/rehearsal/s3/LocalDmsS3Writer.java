package io.cutover.rehearsal.s3;

import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.replication.S3EndpointSpec;
import io.cutover.secrets.DbCredentials;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The local DMS's S3 target: a full-load-and-CDC task from a real PostgreSQL source into S3 (S3Proxy
 * locally), in DMS's S3 layout, for a migration rehearsal whose task has an S3 target endpoint.
 *
 * <ul>
 *   <li><b>Full load</b>: a logical replication slot is created over the replication protocol with an
 *       exported snapshot; every selected table is counted and read in that one snapshot
 *       ({@code SET TRANSACTION SNAPSHOT}), so the full load and the changes meet exactly: no change
 *       is both in a LOAD file and a change file, none is in neither. Files
 *       {@code bucketFolder/<schema>/<table>/LOAD00000001.csv} (8 hex digits, a new file every
 *       {@code rowsPerLoadFile} rows, as DMS cuts at MaxFileSize), names after the mapping's
 *       transformation rules; an empty table gets no folder, as with DMS.</li>
 *   <li><b>Changes</b>: the slot's {@code test_decoding} output, polled with
 *       {@code pg_logical_slot_get_changes} (committed transactions only, in commit order). Why
 *       test_decoding: it is one of the two plugins DMS documents for PostgreSQL sources, it needs
 *       neither a publication nor a binary protocol decoder (pgoutput does), and with
 *       {@code include-timestamp} it gives each transaction's commit time for the timestamp column.
 *       Each poll that brings changes writes one file per table, named by time as DMS names them
 *       ({@code 20261201-0230001234.csv}), beside the LOAD files or under
 *       {@code bucketFolder/cdcPath/<schema>/<table>/} when the endpoint has a CdcPath.</li>
 *   <li><b>Rows</b>: CSV (RFC 4180) with a header row (the adapter's AddColumnName), first the
 *       {@code Op} column (I/U/D; in LOAD files only with IncludeOpForFullLoad, always {@code I}),
 *       then the timestamp column when the endpoint names one (full load: the load's start; changes:
 *       the commit time; {@code yyyy-MM-dd HH:mm:ss.SSSSSS} UTC), then the table's columns in order
 *       as the source's text forms. A DELETE carries the replica identity's columns only, the
 *       others empty; a TOASTed value an UPDATE did not touch is empty too (not in the WAL).</li>
 * </ul>
 *
 * <p>Not reproduced: Parquet, compression, server-side encryption headers (S3Proxy ignores them),
 * DMS's transaction-ordered CdcPath layout ({@code PreserveTransactions}), date partitioning,
 * selection rules with filters (refused). {@link #stop()} drops the slot (DMS keeps it for a resume).
 */
public final class LocalDmsS3Writer implements AutoCloseable {
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** test_decoding's commit time, e.g. {@code 2026-12-01 02:30:00.123456+00}. */
    private static final DateTimeFormatter COMMIT_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().appendPattern("X").toFormatter();

    public enum State { FULL_LOAD, CDC, STOPPED, FAILED }

    /** One table's figures, as DMS's table statistics give them. */
    public record TableStatistics(TableName source, TableName target, long sourceRowsAtLoadStart, long fullLoadRows,
                                  int loadFiles, long inserts, long updates, long deletes, int changeFiles) {
    }

    /** The task's state and every table's figures; {@code failure} when FAILED. */
    public record Statistics(State state, Map<TableName, TableStatistics> tables, String failure) {
        /** Per target table, the source's rows when the load started: what the output check compares with. */
        public Map<TableName, Long> sourceRowsAtLoadStart() {
            Map<TableName, Long> rows = new LinkedHashMap<>();
            tables.values().forEach(t -> rows.put(t.target(), t.sourceRowsAtLoadStart()));
            return rows;
        }
    }

    /**
     * @param rowsPerLoadFile a new LOAD file after this many rows (DMS: MaxFileSize)
     * @param pollInterval    how often committed changes are read from the slot
     */
    public record Options(int rowsPerLoadFile, Duration pollInterval, String slotName) {
        public static Options defaults(String slotName) {
            return new Options(100_000, Duration.ofMillis(200), slotName);
        }
    }

    private final String jdbcUrl;
    private final DbCredentials credentials;
    private final TableMapping mapping;
    private final S3EndpointSpec target;
    private final S3Client s3;
    private final Options options;
    private final Map<TableName, Table> tables = new ConcurrentHashMap<>();
    private final CountDownLatch fullLoadDone = new CountDownLatch(1);
    private final Object pollLock = new Object();
    private volatile State state = State.FULL_LOAD;
    private volatile String failure;
    private volatile boolean stopping;
    private Thread worker;
    private String lastFileStamp = "";

    /** A selected table: its names, columns in order, and running figures. */
    private static final class Table {
        final TableName source;
        final TableName target;
        final List<String> columns = new ArrayList<>();
        final List<Boolean> booleans = new ArrayList<>();
        long sourceRows;
        long loadRows;
        int loadFiles;
        long inserts;
        long updates;
        long deletes;
        int changeFiles;

        Table(TableName source, TableName target) {
            this.source = source;
            this.target = target;
        }
    }

    private LocalDmsS3Writer(String jdbcUrl, DbCredentials credentials, TableMapping mapping, S3EndpointSpec target,
                             S3Client s3, Options options) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
        this.mapping = mapping;
        this.target = target;
        this.s3 = s3;
        this.options = options;
    }

    /**
     * Starts the task: the slot and the snapshot now (so the caller knows the load's start point
     * when this returns), the full load and then CDC on a thread of its own.
     *
     * @param jdbcUrl the source database ({@code jdbc:postgresql://host:port/db})
     */
    public static LocalDmsS3Writer start(String jdbcUrl, DbCredentials credentials, TableMapping mapping,
                                         S3EndpointSpec target, S3Client s3, Options options) {
        if (target.dataFormat() != S3EndpointSpec.DataFormat.CSV) {
            throw new IllegalArgumentException("the local DMS writes CSV only, not " + target.dataFormat());
        }
        LocalDmsS3Writer writer = new LocalDmsS3Writer(jdbcUrl, credentials, mapping, target, s3, options);
        Connection snapshot = writer.openSnapshot();
        writer.worker = Thread.ofPlatform().name("local-dms-s3-" + options.slotName()).daemon().start(() -> writer.run(snapshot));
        return writer;
    }

    /** Waits until every table is loaded (or the task failed); true when loaded. */
    public boolean awaitFullLoad(Duration timeout) throws InterruptedException {
        return fullLoadDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && state != State.FAILED;
    }

    /** Writes every change committed so far now, without waiting for the next poll. */
    public void drain() {
        if (state != State.CDC) throw new IllegalStateException("no CDC running: " + state + (failure == null ? "" : " " + failure));
        try (Connection c = connect()) {
            pollChanges(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Statistics statistics() {
        Map<TableName, TableStatistics> out = new LinkedHashMap<>();
        synchronized (pollLock) {
            tables.values().stream().sorted((a, b) -> a.source.compareTo(b.source)).forEach(t -> out.put(t.source,
                    new TableStatistics(t.source, t.target, t.sourceRows, t.loadRows, t.loadFiles, t.inserts, t.updates,
                            t.deletes, t.changeFiles)));
        }
        return new Statistics(state, out, failure);
    }

    /** Stops CDC after the changes committed so far, and drops the slot. */
    public void stop() {
        stopping = true;
        if (worker != null) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Connection c = connect()) {
            if (state == State.CDC) pollChanges(c);
            try (PreparedStatement drop = c.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                drop.setString(1, options.slotName());
                drop.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("stopping the local S3 task: " + e.getMessage(), e);
        }
        if (state != State.FAILED) state = State.STOPPED;
    }

    @Override
    public void close() {
        if (state != State.STOPPED) stop();
    }

    // --- the task ---

    /**
     * The slot with an exported snapshot (replication protocol), imported by a repeatable-read
     * transaction before the replication connection closes: the load reads exactly the data the
     * slot's first change follows.
     */
    private Connection openSnapshot() {
        Properties replication = properties();
        replication.setProperty("replication", "database");
        replication.setProperty("assumeMinServerVersion", "10");
        replication.setProperty("preferQueryMode", "simple");
        try (Connection rc = DriverManager.getConnection(jdbcUrl, replication)) {
            ReplicationSlotInfo slot = rc.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot().logical()
                    .withSlotName(options.slotName()).withOutputPlugin("test_decoding").make();
            Connection snapshot = connect();
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = snapshot.createStatement()) {
                st.execute("SET TRANSACTION SNAPSHOT '" + slot.getSnapshotName() + "'");
            }
            selectTables(snapshot);
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("the local S3 task could not start: " + e.getMessage(), e);
        }
    }

    private void selectTables(Connection c) throws SQLException {
        List<TableName> all = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            while (rs.next()) all.add(new TableName(rs.getString(1), rs.getString(2)));
        }
        for (TableName t : mapping.selected(all)) {
            if (mapping.filter(t).isPresent()) {
                throw new IllegalArgumentException(t + ": selection rules with filters are not reproduced by the local DMS");
            }
            tables.put(t, new Table(t, mapping.targetTable(t)));
        }
    }

    private void run(Connection snapshot) {
        try {
            Instant loadStart = Instant.now();
            try (snapshot) {
                for (Table t : tables.values()) fullLoad(snapshot, t, loadStart);
                snapshot.commit();
            }
            state = State.CDC;
            fullLoadDone.countDown();
            try (Connection c = connect()) {
                while (!stopping) {
                    pollChanges(c);
                    Thread.sleep(options.pollInterval().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e.toString();
            state = State.FAILED;
        } finally {
            fullLoadDone.countDown();
        }
    }

    private void fullLoad(Connection snapshot, Table t, Instant loadStart) throws SQLException {
        String from = quote(t.source.schema()) + "." + quote(t.source.table());
        try (Statement st = snapshot.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            t.sourceRows = rs.getLong(1);
        }
        try (Statement st = snapshot.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + from)) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    t.columns.add(md.getColumnName(i));
                    t.booleans.add("bool".equals(md.getColumnTypeName(i)));
                }
                String time = ROW_TIME.format(loadStart);
                StringBuilder file = null;
                int rowsInFile = 0;
                while (rs.next()) {
                    if (file == null) file = header(t, target.includeOpForFullLoad());
                    List<String> row = new ArrayList<>();
                    if (target.includeOpForFullLoad()) row.add("I");
                    if (target.timestampColumnName() != null) row.add(time);
                    for (int i = 1; i <= t.columns.size(); i++) {
                        String v = rs.getString(i);
                        // JDBC gives booleans as t/f; test_decoding (the change files) as true/false.
                        if (v != null && t.booleans.get(i - 1)) v = "t".equals(v) ? "true" : "false";
                        row.add(v);
                    }
                    appendRecord(file, row);
                    if (++rowsInFile == options.rowsPerLoadFile()) {
                        putLoadFile(t, file, rowsInFile);
                        file = null;
                        rowsInFile = 0;
                    }
                }
                if (file != null) putLoadFile(t, file, rowsInFile);
            }
        }
    }

    private void putLoadFile(Table t, StringBuilder file, int rows) {
        String key = target.tablePrefix(t.target.schema(), t.target.table()) + String.format("LOAD%08X.csv", t.loadFiles + 1);
        put(key, file);
        synchronized (pollLock) {
            t.loadFiles++;
            t.loadRows += rows;
        }
    }

    /** Committed transactions since the last poll, grouped per table into one change file each. */
    private void pollChanges(Connection c) throws SQLException {
        synchronized (pollLock) {
            Map<Table, StringBuilder> files = new LinkedHashMap<>();
            Map<Table, long[]> counts = new LinkedHashMap<>();
            List<TestDecodingChange> transaction = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT data FROM pg_logical_slot_get_changes(?, NULL, NULL,"
                    + " 'include-timestamp', 'on', 'skip-empty-xacts', 'on')")) {
                st.setString(1, options.slotName());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String line = rs.getString(1);
                        if (line.startsWith("BEGIN")) {
                            transaction.clear();
                        } else if (line.startsWith("COMMIT")) {
                            String time = ROW_TIME.format(commitTime(line));
                            for (TestDecodingChange change : transaction) {
                                Table t = tables.get(change.table());
                                StringBuilder file = files.computeIfAbsent(t, k -> header(k, true));
                                appendRecord(file, changeRow(t, change, time));
                                long[] n = counts.computeIfAbsent(t, k -> new long[3]);
                                n["IUD".indexOf(change.operation())]++;
                            }
                            transaction.clear();
                        } else {
                            TestDecodingChange.parse(line).filter(ch -> tables.containsKey(ch.table())).ifPresent(transaction::add);
                        }
                    }
                }
            }
            String stamp = fileStamp();
            files.forEach((t, file) -> {
                String folder = target.cdcPath() == null
                        ? target.tablePrefix(t.target.schema(), t.target.table())
                        : target.bucketFolder() + "/" + target.cdcPath() + "/" + t.target.schema() + "/" + t.target.table() + "/";
                put(folder + stamp + ".csv", file);
                long[] n = counts.get(t);
                t.inserts += n[0];
                t.updates += n[1];
                t.deletes += n[2];
                t.changeFiles++;
            });
        }
    }

    private List<String> changeRow(Table t, TestDecodingChange change, String time) {
        List<String> row = new ArrayList<>();
        row.add(change.operation());
        if (target.timestampColumnName() != null) row.add(time);
        for (String column : t.columns) {
            String v = change.values().get(column);
            row.add(TestDecodingChange.UNCHANGED_TOAST.equals(v) ? null : v);
        }
        return row;
    }

    /** DMS names change files by time, {@code yyyyMMdd-HHmmss} and four more digits; unique per poll here. */
    private String fileStamp() {
        Instant now = Instant.now();
        String second = FILE_TIME.format(now);
        int fraction = now.getNano() / 100_000;
        String stamp = second + String.format("%04d", fraction);
        if (stamp.compareTo(lastFileStamp) <= 0) {
            int seq = Integer.parseInt(lastFileStamp.substring(lastFileStamp.length() - 4)) + 1;
            stamp = lastFileStamp.substring(0, lastFileStamp.length() - 4) + String.format("%04d", seq);
        }
        lastFileStamp = stamp;
        return stamp;
    }

    private static Instant commitTime(String commitLine) {
        int at = commitLine.indexOf("(at ");
        if (at < 0) throw new IllegalStateException("no commit time (include-timestamp) in: " + commitLine);
        return OffsetDateTime.parse(commitLine.substring(at + 4, commitLine.lastIndexOf(')')), COMMIT_TIME).toInstant();
    }

    private StringBuilder header(Table t, boolean withOp) {
        List<String> names = new ArrayList<>();
        if (withOp) names.add("Op");
        if (target.timestampColumnName() != null) names.add(target.timestampColumnName());
        for (String column : t.columns) names.add(mapping.targetColumn(t.source, column).orElse(column));
        StringBuilder b = new StringBuilder();
        appendRecord(b, names);
        return b;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; NULL is empty. */
    private static void appendRecord(StringBuilder b, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) b.append(',');
            String f = fields.get(i);
            if (f == null) continue;
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        b.append('\n');
    }

    private void put(String key, StringBuilder content) {
        s3.putObject(r -> r.bucket(target.bucketName()).key(key).contentType("text/csv"),
                RequestBody.fromBytes(content.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties());
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", credentials.username());
        p.setProperty("password", credentials.password());
        return p;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
