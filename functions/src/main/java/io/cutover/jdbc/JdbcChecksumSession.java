package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.ChunkChecksum;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.KeyRange;
import io.cutover.migrate.validation.RowHash;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.ServerTraits;
import io.cutover.probe.DbConnection;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checksum session on one JDBC connection, for any engine's {@link ChecksumSql}. Reads run in
 * short transactions (committed after each call, so no snapshot is held between calls) with a
 * fetch size, so listing rows streams from the server instead of loading a result at once.
 */
final class JdbcChecksumSession implements ChecksumSession {
    /** Rows per round trip when listing rows. */
    static final int FETCH_SIZE = 500;
    /** Sampled keys at most per table: bounds the server's sort of the sample, not the client's memory. */
    private static final long MAX_SAMPLE_ROWS = 2_000_000;
    private static final int SAMPLE_ROWS_PER_CHUNK = 50;
    private static final int SAMPLE_PAGES_PER_CHUNK = 10;
    private static final long PAGE_BYTES = 8192;

    private final Connection connection;
    private final ChecksumSql sql;
    private final DbConnection db;
    private final int timeout;
    private final Map<TableName, TableDefinition> definitions = new HashMap<>();
    private ServerTraits traits;

    private JdbcChecksumSession(Connection connection, ChecksumSql sql, DbConnection db, int timeout) {
        this.connection = connection;
        this.sql = sql;
        this.db = db;
        this.timeout = timeout;
    }

    static JdbcChecksumSession open(ConnectionFactory factory, ChecksumSql sql, DbConnection db) {
        int timeout = (int) Math.max(1, factory.statementTimeout().toSeconds());
        Connection c = null;
        try {
            c = factory.open(db);
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(timeout);
                for (String s : sql.sessionSetup(timeout)) st.execute(s);
            }
            c.setAutoCommit(false);
            return new JdbcChecksumSession(c, sql, db, timeout);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Failing already.
                }
            }
            throw failure(db, "checksum session", e);
        }
    }

    @Override
    public ServerTraits traits() {
        if (traits == null) traits = call("server traits", () -> sql.traits(connection, timeout));
        return traits;
    }

    @Override
    public Optional<TableDefinition> definition(TableName table) {
        Optional<TableDefinition> d = call("table definition of " + table, () -> {
            CatalogQuery query = CatalogQuery.on(connection, timeout);
            // The engine's own catalog reader, as its MigrationCatalog reads all tables with it.
            List<TableDefinition> one = switch (db.engine()) {
                case POSTGRES -> PostgresTableDefinitions.one(query, table);
                case ORACLE -> OracleTableDefinitions.one(query, table);
            };
            return one.stream().findFirst();
        });
        d.ifPresent(t -> definitions.put(table, t));
        return d;
    }

    @Override
    public List<Key> chunkBoundaries(RowHashPlan plan, long rowsPerChunk, int maxChunks) {
        return boundaries(plan, null, rowsPerChunk, maxChunks);
    }

    @Override
    public List<Key> chunkBoundaries(RowHashPlan plan, KeyRange within, long rowsPerChunk, int maxChunks) {
        return boundaries(plan, within, rowsPerChunk, maxChunks);
    }

    /** @param within null: the whole table; else the sample's keys in that range only, cut at the whole sample's step */
    private List<Key> boundaries(RowHashPlan plan, KeyRange within, long rowsPerChunk, int maxChunks) {
        TableDefinition def = definitions.containsKey(plan.table()) ? definitions.get(plan.table())
                : definition(plan.table()).orElseThrow(() -> new ProbeException("no table " + plan.table()));
        // reltuples / NUM_ROWS when the table has statistics, else its size at ~100 bytes a row.
        long rows = def.estimatedRows() > 0 ? def.estimatedRows() : Math.max(0, def.bytes() / 100);
        long chunks = Math.min(maxChunks, (rows + rowsPerChunk - 1) / rowsPerChunk);
        if (chunks <= 1 || !plan.keyed()) return List.of();
        long sampleRows = Math.min(MAX_SAMPLE_ROWS, chunks * SAMPLE_ROWS_PER_CHUNK);
        // Block sampling takes whole pages: at least SAMPLE_PAGES_PER_CHUNK of them per chunk, so the
        // boundaries of a small table do not come from a handful of neighbouring keys.
        long pages = Math.max(1, def.bytes() / PAGE_BYTES);
        double percent = Math.min(100.0, Math.max(100.0 * sampleRows / rows,
                100.0 * Math.min(pages, chunks * SAMPLE_PAGES_PER_CHUNK) / pages));
        if (within == null) {
            List<Key> keys = call("chunk boundaries of " + plan.table(), () -> keys(sql.sampledBoundaries(plan, percent),
                    plan, List.of(chunks), (int) chunks));
            return distinctAscending(keys, maxChunks - 1);
        }
        ChecksumSql.Condition c = sql.range(plan, within);
        List<Object> params = new ArrayList<>(c.params());
        params.add(chunks);
        List<Key> keys = call("chunk boundaries of " + plan.table() + " " + within,
                () -> keys(sql.sampledBoundaries(plan, percent, c), plan, params, (int) chunks));
        return distinctAscending(keys, maxChunks - 1);
    }

    @Override
    public List<Key> splitPoints(RowHashPlan plan, KeyRange range, long rows, int parts) {
        long step = Math.max(1, (rows + parts - 1) / parts);
        ChecksumSql.Condition c = sql.range(plan, range);
        List<Object> params = new ArrayList<>(c.params());
        params.add(step);
        return call("split points of " + plan.table() + " " + range,
                () -> distinctAscending(keys(sql.rangeQuantiles(plan, c), plan, params, parts), parts - 1));
    }

    @Override
    public ChunkChecksum checksum(RowHashPlan plan, KeyRange range) {
        ChecksumSql.Condition c = sql.range(plan, range);
        return call("checksum of " + plan.table() + " " + range, () -> {
            for (String setup : sql.beforeChecksum()) {
                try (Statement st = connection.createStatement()) {
                    st.setQueryTimeout(timeout);
                    st.execute(setup);
                }
            }
            try (PreparedStatement ps = prepare(sql.checksum(plan, c), c.params())) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String sum = rs.getString(2);
                    return new ChunkChecksum(rs.getLong(1), sum == null ? BigInteger.ZERO : new BigInteger(sum));
                }
            }
        });
    }

    @Override
    public List<RowHash> rowHashes(RowHashPlan plan, KeyRange range, int limit) {
        ChecksumSql.Condition c = sql.range(plan, range);
        List<Object> params = new ArrayList<>(c.params());
        params.add(limit + 1);
        return call("row hashes of " + plan.table() + " " + range, () -> {
            List<RowHash> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(sql.rowHashes(plan, c), params)) {
                ps.setFetchSize(Math.min(FETCH_SIZE, limit + 1));
                try (ResultSet rs = ps.executeQuery()) {
                    int n = plan.key().size();
                    while (rs.next()) out.add(new RowHash(key(rs, plan), rs.getLong(n + 1)));
                }
            }
            return out;
        });
    }

    private List<Key> keys(String query, RowHashPlan plan, List<Object> params, int expected) throws SQLException {
        List<Key> out = new ArrayList<>(Math.max(0, expected));
        try (PreparedStatement ps = prepare(query, params)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(key(rs, plan));
            }
        }
        return out;
    }

    private Key key(ResultSet rs, RowHashPlan plan) throws SQLException {
        List<Object> values = new ArrayList<>(plan.key().size());
        for (int i = 0; i < plan.key().size(); i++) {
            ColumnDefinition k = plan.key().get(i);
            Object v = sql.readKey(rs, i + 1, k);
            if (v == null) throw new SQLException("primary-key column " + k.name() + " of " + plan.table() + " is null");
            values.add(v);
        }
        return new Key(values);
    }

    /** The server returns them ordered; equal neighbours (few distinct keys in the sample) are dropped, the rest thinned evenly. */
    private static List<Key> distinctAscending(List<Key> keys, int max) {
        List<Key> distinct = new ArrayList<>(keys.size());
        for (Key k : keys) if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(k)) distinct.add(k);
        if (distinct.size() <= max) return distinct;
        List<Key> thinned = new ArrayList<>(max);
        for (int i = 1; i <= max; i++) thinned.add(distinct.get((int) ((long) i * distinct.size() / (max + 1))));
        return thinned;
    }

    private PreparedStatement prepare(String query, List<Object> params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(query);
        ps.setQueryTimeout(timeout);
        for (int i = 0; i < params.size(); i++) bind(ps, i + 1, params.get(i));
        return ps;
    }

    /** Key values (and counts) as JDBC parameters, the same way for every engine's driver. */
    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case Long l -> ps.setLong(index, l);
            case Integer i -> ps.setLong(index, i);
            case BigInteger b -> ps.setBigDecimal(index, new java.math.BigDecimal(b));
            case java.math.BigDecimal d -> ps.setBigDecimal(index, d);
            case String s -> ps.setString(index, s);
            case java.time.Instant t -> ps.setObject(index, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
            default -> ps.setObject(index, value); // UUID, LocalDate, LocalDateTime
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** One call in its own short transaction; a failure names the question and the server. */
    private <T> T call(String question, Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; the worker discards this session.
            }
            throw failure(db, question, e);
        }
    }

    private static ProbeException failure(DbConnection db, String question, SQLException e) {
        return new ProbeException(question + " failed on " + db.engine().dmsEngineName() + " " + db.host() + ":" + db.port()
                + "/" + db.database() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing to save on close.
        }
    }
}
