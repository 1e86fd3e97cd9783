package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A source and a target database for the migration tests: two databases ({@code source},
 * {@code target}) on one real PostgreSQL 17 server, which is cheaper than two servers and the same
 * to the adapters (they see two DbConnections). One server serves every migration test class of
 * the JVM ({@link #shared()}); each class uses its own tables.
 */
final class MigrationDatabases implements AutoCloseable {
    static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:migration-AbCdEf";
    private static MigrationDatabases shared;

    final PostgresCluster cluster;
    final MapSecrets secrets;
    final DbConnection source;
    final DbConnection target;

    /** The JVM's one instance, started on first use and stopped when the JVM exits. */
    static synchronized MigrationDatabases shared() {
        if (shared == null) {
            shared = new MigrationDatabases();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-migration-databases"));
        }
        return shared;
    }

    private MigrationDatabases() {
        cluster = PostgresCluster.builder().withoutReplica().start();
        secrets = new MapSecrets().put(ARN, cluster.credentials());
        PgServer server = cluster.primary();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE source");
            st.execute("CREATE DATABASE target");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        source = new DbConnection(Engine.POSTGRES, server.host(), server.port(), "source", ARN);
        target = new DbConnection(Engine.POSTGRES, server.host(), server.port(), "target", ARN);
    }

    Connection connect(DbConnection db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                cluster.credentials().username(), cluster.credentials().password());
    }

    void sql(DbConnection db, String... statements) {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The same statements on both databases (the schema DMS expects loaded on the target, and the rows it copied). */
    void both(String... statements) {
        sql(source, statements);
        sql(target, statements);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
