package io.cutover.jdbc;

import io.cutover.migrate.TableName;
import io.cutover.migrate.preparation.AppliedChange;
import io.cutover.migrate.preparation.HeldBackObject;
import io.cutover.migrate.preparation.LoadPreparation;
import io.cutover.migrate.preparation.RoleRestore;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.probe.DbConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PostgresTargetPreparation} on real PostgreSQL 17: the target's secondary objects are held
 * back for a load and put back, and the catalog's own DDL of every object is the same before and
 * after; the apply user's replication role is set and restored exactly.
 */
class PostgresTargetPreparationTest {

    private static MigrationDatabases dbs;
    private static PostgresTargetPreparation preparation;
    private static DbConnection target;
    private static final List<TableName> TABLES = List.of(TableName.of("shop", "customer"), TableName.of("shop", "orders"));

    @BeforeAll
    static void start() {
        dbs = MigrationDatabases.shared();
        target = dbs.target;
        preparation = new PostgresTargetPreparation(new JdbcConnectionFactory(dbs.secrets, JdbcSettings.defaults()));
        dbs.sql(target, "CREATE SCHEMA shop",
                "CREATE TABLE shop.customer (id bigint PRIMARY KEY, email text NOT NULL, name text)",
                "CREATE UNIQUE INDEX customer_email_ident ON shop.customer (email)",
                "ALTER TABLE shop.customer REPLICA IDENTITY USING INDEX customer_email_ident",
                "CREATE INDEX customer_lower_name ON shop.customer (lower(name)) WHERE name IS NOT NULL",
                "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id bigint, code text, ref_id bigint, created timestamptz,"
                        + " CONSTRAINT orders_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED,"
                        + " CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customer (id) ON DELETE CASCADE)",
                "ALTER TABLE shop.orders ADD CONSTRAINT orders_ref_fk FOREIGN KEY (ref_id) REFERENCES shop.customer (id) NOT VALID",
                "CREATE INDEX orders_created ON shop.orders (created DESC) WITH (fillfactor = 80)",
                "COMMENT ON INDEX shop.orders_created IS 'for the ''recent orders'' page'",
                "ALTER TABLE shop.orders CLUSTER ON orders_created",
                "COMMENT ON CONSTRAINT orders_code_key ON shop.orders IS 'codes are unique'",
                "CREATE TABLE shop.review (id int PRIMARY KEY, order_id bigint REFERENCES shop.orders (id))",
                "CREATE FUNCTION shop.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := coalesce(NEW.created, now());"
                        + " RETURN NEW; END $$",
                "CREATE TRIGGER orders_stamp BEFORE INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.stamp()",
                "CREATE TRIGGER orders_audit AFTER UPDATE ON shop.orders FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code)"
                        + " EXECUTE FUNCTION shop.stamp()",
                "ALTER TABLE shop.orders ENABLE ALWAYS TRIGGER orders_audit",
                "COMMENT ON TRIGGER orders_stamp ON shop.orders IS 'fills created'",
                "INSERT INTO shop.customer SELECT g, 'c' || g || '@example.com', 'C ' || g FROM generate_series(1, 100) g",
                "INSERT INTO shop.orders (id, customer_id, code, ref_id) SELECT g, g % 100 + 1, 'o' || g, 1 FROM generate_series(1, 500) g",
                "CREATE ROLE dms_apply LOGIN PASSWORD 'dms-apply-pw-1'");
    }

    /** Every secondary object of the schema as the catalog prints it, with what the DDL functions leave out. */
    private static List<String> catalog() {
        return rows("""
                SELECT 'index ' || i.relname || ': ' || pg_get_indexdef(x.indexrelid) || ' valid=' || x.indisvalid
                       || ' clustered=' || x.indisclustered || ' replident=' || x.indisreplident
                       || ' comment=' || coalesce(obj_description(x.indexrelid, 'pg_class'), '-')
                  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = x.indrelid
                 WHERE r.relnamespace = 'shop'::regnamespace
                UNION ALL
                SELECT 'constraint ' || c.conname || ' on ' || c.conrelid::regclass || ': ' || pg_get_constraintdef(c.oid)
                       || ' validated=' || c.convalidated || ' deferrable=' || c.condeferrable || '/' || c.condeferred
                       || ' comment=' || coalesce(obj_description(c.oid, 'pg_constraint'), '-')
                  FROM pg_constraint c WHERE c.connamespace = 'shop'::regnamespace
                UNION ALL
                SELECT 'trigger ' || g.tgname || ': ' || pg_get_triggerdef(g.oid) || ' enabled=' || g.tgenabled::text
                       || ' comment=' || coalesce(obj_description(g.oid, 'pg_trigger'), '-')
                  FROM pg_trigger g WHERE NOT g.tgisinternal AND g.tgrelid::regclass::text LIKE 'shop.%'
                ORDER BY 1
                """);
    }

    private static List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = dbs.connect(target); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void heldBackObjectsAreDroppedForTheLoadAndRecreatedExactlyAsBefore() {
        List<String> before = catalog();
        LoadPreparation prep = new LoadPreparation(preparation);
        List<HeldBackObject> held = prep.record(target, TABLES);
        Map<HeldBackObject.Kind, List<String>> byKind = held.stream().collect(Collectors.groupingBy(HeldBackObject::kind,
                Collectors.mapping(HeldBackObject::name, Collectors.toList())));
        assertEquals(List.of("customer_lower_name", "orders_created"), byKind.get(HeldBackObject.Kind.INDEX),
                "not the primary keys, not the replica identity index, not the unique constraint's index");
        assertEquals(List.of("orders_code_key"), byKind.get(HeldBackObject.Kind.UNIQUE_CONSTRAINT));
        assertEquals(List.of("orders_customer_fk", "orders_ref_fk", "review_order_id_fkey"), byKind.get(HeldBackObject.Kind.FOREIGN_KEY),
                "including the one another table holds on a moved table");
        assertEquals(List.of("orders_audit", "orders_stamp"), byKind.get(HeldBackObject.Kind.TRIGGER));

        List<AppliedChange> dropped = prep.holdBack(target, held);
        assertEquals(held.size(), dropped.stream().filter(AppliedChange::changed).count());
        assertEquals(HeldBackObject.Kind.TRIGGER, dropped.get(0).object().kind(), "triggers first, indexes last");
        assertEquals(HeldBackObject.Kind.INDEX, dropped.get(dropped.size() - 1).object().kind());
        List<String> during = catalog();
        assertTrue(during.stream().noneMatch(l -> l.startsWith("trigger ") || l.contains("FOREIGN KEY") || l.contains("orders_created")),
                during.toString());
        assertTrue(during.stream().anyMatch(l -> l.startsWith("index customer_email_ident") && l.contains("replident=true")));
        assertTrue(prep.holdBack(target, held).stream().noneMatch(AppliedChange::changed), "a retried step changes nothing");

        dbs.sql(target, "INSERT INTO shop.customer SELECT g, 'c' || g || '@example.com', NULL FROM generate_series(101, 2000) g",
                "INSERT INTO shop.orders (id, customer_id, code, ref_id, created) SELECT g, g % 2000 + 1, 'o' || g, 1, now()"
                        + " FROM generate_series(501, 5000) g");

        List<AppliedChange> restored = prep.restore(target, held);
        assertEquals(HeldBackObject.Kind.INDEX, restored.get(0).object().kind(), "indexes first, triggers last");
        List<String> statements = restored.stream().flatMap(c -> c.statements().stream()).toList();
        assertTrue(statements.contains("CREATE INDEX CONCURRENTLY \"orders_created\" ON shop.orders USING btree (created DESC)"
                + " WITH (fillfactor='80')"), statements.toString());
        assertTrue(statements.contains("ALTER TABLE \"shop\".\"orders\" VALIDATE CONSTRAINT \"orders_customer_fk\""), statements.toString());
        assertTrue(statements.stream().noneMatch(s -> s.contains("VALIDATE CONSTRAINT \"orders_ref_fk\"")),
                "a foreign key that was NOT VALID stays so");
        assertTrue(restored.stream().allMatch(c -> c.took().toNanos() > 0));
        assertEquals(before, catalog());
        assertTrue(prep.restore(target, held).stream().noneMatch(AppliedChange::changed), "a retried step changes nothing");
    }

    @Test
    void anIndexLeftInvalidByAFailedConcurrentBuildIsRebuilt() {
        dbs.sql(target, "CREATE TABLE shop.tag (id int PRIMARY KEY, label text)",
                "CREATE UNIQUE INDEX tag_label ON shop.tag (label)");
        List<String> before = catalog();
        HeldBackObject index = preparation.heldBackObjects(target, List.of(TableName.of("shop", "tag"))).get(0);
        preparation.drop(target, index);
        dbs.sql(target, "INSERT INTO shop.tag VALUES (1, 'dup'), (2, 'dup')");
        assertThrows(ProbeException.class, () -> preparation.recreate(target, index), "duplicates break the unique build");
        assertTrue(catalog().stream().anyMatch(l -> l.startsWith("index tag_label") && l.contains("valid=false")),
                "CREATE INDEX CONCURRENTLY leaves an invalid index behind");
        dbs.sql(target, "DELETE FROM shop.tag WHERE id = 2");
        AppliedChange again = preparation.recreate(target, index);
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS \"shop\".\"tag_label\"", again.statements().get(0));
        assertEquals(before, catalog());
    }

    /**
     * An index build longer than a probe's statement (30 s) must be allowed what is left of the
     * call: here a build of about 3 s (an expression that sleeps 10 ms a row, 300 rows) fails under
     * a limit of 1 s - leaving an INVALID index, as a cancelled concurrent build does - and succeeds
     * under 20 s, dropping the invalid one first.
     */
    @Test
    void anIndexBuildIsBoundByTheTimeItIsGivenNotTheProbeTimeout() {
        dbs.sql(target, "CREATE FUNCTION shop.slow(i int) RETURNS int IMMUTABLE LANGUAGE sql AS"
                        + " 'SELECT i FROM (SELECT pg_sleep(0.01)) s'",
                "CREATE TABLE shop.slow_rows (id int PRIMARY KEY, n int)",
                "INSERT INTO shop.slow_rows SELECT g, g FROM generate_series(1, 300) g",
                "CREATE INDEX slow_rows_n ON shop.slow_rows (shop.slow(n))");
        HeldBackObject index = preparation.heldBackObjects(target, List.of(TableName.of("shop", "slow_rows"))).get(0);
        preparation.drop(target, index);

        ProbeException cut = assertThrows(ProbeException.class,
                () -> preparation.recreate(target, index, java.time.Duration.ofSeconds(1)));
        assertTrue(cut.getMessage().contains("canceling statement"), cut.getMessage());
        assertTrue(catalog().stream().anyMatch(l -> l.startsWith("index slow_rows_n") && l.contains("valid=false")),
                "the cancelled concurrent build leaves an invalid index: " + catalog());

        AppliedChange built = preparation.recreate(target, index, java.time.Duration.ofSeconds(20));
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS \"shop\".\"slow_rows_n\"", built.statements().get(0));
        assertTrue(built.took().toMillis() >= 1_000, "the build took its time: " + built.took());
        assertTrue(catalog().stream().anyMatch(l -> l.startsWith("index slow_rows_n") && l.contains("valid=true")), catalog().toString());
    }

    @Test
    void theApplyUsersReplicationRoleIsSetAndRestoredToExactlyWhatItWas() throws SQLException {
        assertThrows(ProbeException.class, () -> preparation.setReplicaRole(target, "no_such_role"));
        dbs.sql(target, "ALTER ROLE dms_apply IN DATABASE target SET session_replication_role = local");
        RoleSetting set = preparation.setReplicaRole(target, "dms_apply");
        assertEquals("local", set.previous());
        assertEquals("ALTER ROLE \"dms_apply\" IN DATABASE \"target\" SET session_replication_role = replica", set.statement());
        assertEquals("replica", sessionRole());
        assertNull(preparation.setReplicaRole(target, "dms_apply").statement(), "already replica: nothing more to record");

        RoleRestore restored = preparation.restoreRole(target, set);
        assertEquals("local", restored.current());
        assertEquals("local", sessionRole());
        assertTrue(restored.statement().endsWith("SET session_replication_role = 'local'"));
        assertNull(preparation.restoreRole(target, set).statement(), "restoring twice changes nothing");

        dbs.sql(target, "ALTER ROLE dms_apply IN DATABASE target RESET session_replication_role");
        RoleSetting fresh = preparation.setReplicaRole(target, "dms_apply");
        assertNull(fresh.previous());
        dbs.sql(target, "ALTER ROLE dms_apply IN DATABASE target SET session_replication_role = origin"); // someone else
        RoleRestore left = preparation.restoreRole(target, fresh);
        assertNull(left.statement());
        assertTrue(left.note().startsWith("changed since the run set it"), left.note());
        assertEquals("origin", sessionRole());

        dbs.sql(target, "ALTER ROLE dms_apply IN DATABASE target RESET session_replication_role");
        RoleSetting third = preparation.setReplicaRole(target, "dms_apply");
        preparation.restoreRole(target, third);
        assertEquals(List.of(), rows("SELECT cfg FROM pg_db_role_setting, unnest(setconfig) cfg"
                + " WHERE setrole = 'dms_apply'::regrole"), "RESET when the role had no setting before");
        assertNotEquals("replica", sessionRole());
        assertFalse(third.previous() != null);
    }

    /** What a new session of the apply user gets. */
    private static String sessionRole() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + target.host() + ":" + target.port() + "/target",
                "dms_apply", "dms-apply-pw-1"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW session_replication_role")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
