package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.PostgresCdcSettings;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeReplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.runbook.CallBudget;

import java.time.Duration;
import java.util.List;

import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preflight over fakes (the sample input: source cluster orders-aurora with parameter group
 * src-params and writer orders-aurora-1, tables public.%, LobMaxSize 64 KB): every finding named
 * with its fix, all of them in one failure, and nothing created or measured beyond reads.
 */
class MigratePreflightTest {
    static final String INSTANCE = "arn:aws:dms:eu-west-1:123456789012:rep:ORDERSREPLINSTANCE1";
    static final String SOURCE_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1";
    static final String TARGET_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2TARGET";
    static final TableName ORDERS = io.cutover.testing.MigrationTestData.ORDERS;
    static final TableName LINES = io.cutover.testing.MigrationTestData.LINES;
    static final TableName DOCUMENTS = TableName.of("public", "documents");

    private final FakeMigrationCatalog catalog = new FakeMigrationCatalog();
    private final FakeReplication dms = FakeReplication.ready(INSTANCE, SOURCE_ENDPOINT, "orders-aurora-source");
    private final io.cutover.testing.FakeAppMap appMap = new io.cutover.testing.FakeAppMap();
    private final MigratePreflight preflight = new MigratePreflight(catalog, dms, appMap);

    @BeforeEach
    void aSourceAndTargetWithTheSameSchema() {
        dms.addEndpoint(TARGET_ENDPOINT, "orders-aurora-v2-target", "target");
        List<TableDefinition> tables = List.of(keyed(ORDERS, "id"), keyed(LINES, "order_id", "line"), documents());
        catalog.tables.put(SOURCE_HOST, tables);
        catalog.tables.put(TARGET_HOST, tables);
    }

    @Test
    void aReadySourceAndMatchingTargetPassWithTheTablesCountedAndTheLobsMeasured() {
        MigrationState.Preflight p = preflight.preflight(migration().build());

        assertEquals(3, p.tables());
        assertEquals(List.of(), p.warnings());
        assertEquals(List.of(DOCUMENTS), catalog.lobsMeasured, "only tables with LOB columns are scanned");
        assertNothingTouched();
    }

    @Test
    void cdcPrerequisitesAreEachNamedWithTheCommandForTheClusterParameterGroup() {
        catalog.cdc = new PostgresCdcSettings(170004, "replica", "0", 5, 5, 10, 10, 1024);

        String cause = fails();

        assertTrue(cause.startsWith("preflight: 3 problem(s), nothing was touched: "), cause);
        assertTrue(cause.contains("BLOCKER wal_level: is replica; DMS CDC needs logical -- fix: aws rds"
                + " modify-db-cluster-parameter-group --db-cluster-parameter-group-name src-params --parameters"
                + " \"ParameterName=rds.logical_replication,ParameterValue=1,ApplyMethod=pending-reboot\""), cause);
        assertTrue(cause.contains("aws rds reboot-db-instance --db-instance-identifier orders-aurora-1"), "the writer: " + cause);
        assertTrue(cause.contains("BLOCKER max_replication_slots: is 5 with 5 slots in use; the run needs 1 free"), cause);
        assertTrue(cause.contains("BLOCKER max_wal_senders: is 10 with 10 WAL senders running; the run needs 1 free"), cause);
        assertFalse(cause.contains("max_slot_wal_keep_size"), "a limit without a WAL estimate only warns: " + cause);
        assertNothingTouched();
    }

    @Test
    void aLimitedSlotWalKeepSizeIsAWarningThatTheRunCarries() {
        catalog.cdc = new PostgresCdcSettings(170004, "logical", "on", 10, 1, 10, 1, 1024);

        MigrationState.Preflight p = preflight.preflight(migration().build());

        assertEquals(1, p.warnings().size(), p.warnings().toString());
        assertTrue(p.warnings().get(0).startsWith("WARNING max_slot_wal_keep_size: is 1024 MB; a slot more than 1024 MB"
                + " behind is invalidated"), p.warnings().get(0));
    }

    @Test
    void theReplicationInstanceAndEndpointsAreChecked() {
        dms.instanceStatus.put(INSTANCE, "modifying");
        dms.endpoints.remove(TARGET_ENDPOINT);
        dms.addEndpoint(SOURCE_ENDPOINT, "orders-aurora-source", "target");

        String cause = fails();

        assertTrue(cause.contains("replication instance " + INSTANCE + ": is modifying, not available"), cause);
        assertTrue(cause.contains("source endpoint " + SOURCE_ENDPOINT + ": is a target endpoint, not a source endpoint"),
                cause);
        assertTrue(cause.contains("target endpoint " + TARGET_ENDPOINT + ": does not exist"), cause);
        assertTrue(cause.startsWith("preflight: 3 problem(s)"), cause);
    }

    @Test
    void aTableMissingOnTheTargetIsNamedWithTheOneThatDiffersOnlyInCase() {
        catalog.tables.put(TARGET_HOST, List.of(keyed(TableName.of("public", "ORDERS"), "id"), keyed(LINES, "order_id", "line"),
                documents()));

        String cause = fails();

        assertTrue(cause.contains("BLOCKER public.orders: is missing on the target; it has public.ORDERS, which differs"
                + " only in case"), cause);
        assertTrue(cause.startsWith("preflight: 1 problem(s)"), cause);
    }

    @Test
    void primaryKeyDifferencesAreListedPerTable() {
        catalog.tables.put(TARGET_HOST, List.of(keyed(ORDERS, "id"), keyed(LINES, "line", "order_id"), unkeyed(DOCUMENTS)));

        String cause = fails();

        assertTrue(cause.contains("BLOCKER public.order_lines: primary key differs: the source's maps to (order_id, line),"
                + " the target has (line, order_id)"), "key order counts: " + cause);
        assertTrue(cause.contains("BLOCKER public.documents: primary key differs: the source's maps to (id), the target"
                + " has no primary key"), cause);
        assertTrue(cause.startsWith("preflight: 2 problem(s)"), cause);
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedUnlessTheInputAllowsIt() {
        TableDefinition audit = unkeyed(TableName.of("public", "audit_log"));
        catalog.tables.put(SOURCE_HOST, List.of(keyed(ORDERS, "id"), audit));
        catalog.tables.put(TARGET_HOST, List.of(keyed(ORDERS, "id"), audit));

        String cause = fails();
        assertTrue(cause.contains("BLOCKER public.audit_log: has no primary key: DMS cannot validate it"), cause);
        assertTrue(cause.contains("(allowed only when the input allows tables without a primary key) -- fix: ALTER TABLE"
                + " public.audit_log ADD PRIMARY KEY"), cause);

        MigrationState.Preflight allowed = preflight.preflight(migration()
                .input(in -> in.put("allowTablesWithoutPrimaryKey", true)).build());
        assertEquals(2, allowed.tables());
        assertEquals(1, allowed.warnings().size());
        assertTrue(allowed.warnings().get(0).startsWith("WARNING public.audit_log: has no primary key"), allowed.warnings().get(0));
    }

    @Test
    void aLobOverLobMaxSizeIsNamedWithTableColumnSizeAndRowsAndTheSettingThatAvoidsIt() {
        catalog.lobs.put(DOCUMENTS, List.of(new LobSize(DOCUMENTS, "body", "text", 200 * 1024, 200 * 1024, 3),
                new LobSize(DOCUMENTS, "scan", "bytea", 60 * 1024, -1, 0)));

        String cause = fails();

        assertTrue(cause.contains("BLOCKER public.documents.body: text values up to 204800 bytes (200 KB), 204800 characters"
                + " exceed LobMaxSize 64 KB (3 rows over it): DMS in limited LOB mode would truncate them silently -- fix:"
                + " raise TargetMetadata.LobMaxSize to at least 400 in the task settings"), "two bytes a character: " + cause);
        assertFalse(cause.contains("documents.scan"), "a LOB under the limit passes: " + cause);
        assertTrue(cause.startsWith("preflight: 1 problem(s)"), cause);
    }

    @Test
    void everyProblemIsInTheOneFailure() {
        catalog.cdc = new PostgresCdcSettings(170004, "logical", "on", 1, 1, 10, 1, -1);
        catalog.tables.put(TARGET_HOST, List.of(keyed(ORDERS, "id"), documents()));
        catalog.lobs.put(DOCUMENTS, List.of(new LobSize(DOCUMENTS, "body", "text", 100 * 1024, -1, 1)));

        String cause = fails();

        assertTrue(cause.startsWith("preflight: 3 problem(s), nothing was touched"), cause);
        assertTrue(cause.contains("max_replication_slots") && cause.contains("public.order_lines: is missing on the target")
                && cause.contains("public.documents.body"), cause);
    }

    @Test
    void theParameterGroupRouteRefusesAnAuroraTargetOnADefaultClusterGroupWithTheCommandsToAttachACustomOne() {
        StepFailed e = assertThrows(StepFailed.class, () -> preflight.preflight(migration()
                .input(in -> in.put("replicationRoleRoute", "parameterGroup"))
                .targetParameterGroup("default.aurora-postgresql16").build()));
        String cause = e.getMessage();

        assertTrue(cause.startsWith("preflight: 1 problem(s), nothing was touched: BLOCKER target cluster"
                + " orders-aurora-v2/orders (replicationRoleRoute parameterGroup): its DB cluster parameter group"
                + " default.aurora-postgresql16 is an RDS default group, which RDS refuses to modify"), cause);
        assertTrue(cause.contains("aws rds create-db-cluster-parameter-group --db-cluster-parameter-group-name <new-group>"), cause);
        assertTrue(cause.contains("aws rds modify-db-cluster --db-cluster-identifier orders-aurora-v2"
                + " --db-cluster-parameter-group-name <new-group> --apply-immediately"), cause);
        assertTrue(cause.contains("\"ParameterName=session_replication_role,ParameterValue=replica,ApplyMethod=pending-reboot\""),
                cause);
        assertTrue(cause.contains("aws rds reboot-db-instance --db-instance-identifier orders-aurora-v2-1"), "the writer: " + cause);
        assertNothingTouched();
    }

    /** Two LOB tables, documents and attachments (with a body over the limit), target alike. */
    private void twoLobTables() {
        TableName attachments = TableName.of("public", "attachments");
        TableDefinition a = new TableDefinition(attachments, documents().columns(), List.of("id"), 10, 8192);
        List<TableDefinition> tables = List.of(keyed(ORDERS, "id"), documents(), a);
        catalog.tables.put(SOURCE_HOST, tables);
        catalog.tables.put(TARGET_HOST, tables);
        catalog.lobs.put(attachments, List.of(new LobSize(attachments, "body", "text", 200 * 1024, -1, 2)));
    }

    @Test
    void theLobScanGoesOnOverSeveralCallsOneTableEachAndNamesAFindingOfALaterCall() {
        twoLobTables();
        String one = fails();

        catalog.lobsMeasured.clear();
        MigrationState.Preflight first = preflight.preflight(migration().build(), CallBudget.of(Duration.ZERO));
        assertFalse(first.complete());
        assertEquals(List.of(), catalog.lobsMeasured, "the first call runs the other checks only (its unit of work)");
        assertEquals(2, first.lobTables());
        MigrationState.Preflight second = preflight.preflight(migration().preflight(first).build(), CallBudget.of(Duration.ZERO));
        assertFalse(second.complete());
        assertEquals(1, second.lobTablesScanned());
        assertEquals(List.of(DOCUMENTS), catalog.lobsMeasured);
        assertEquals(Duration.ofSeconds(30), catalog.lobScanLimit, "a table's scan gets at least a probe's 30 s, budget or not");
        catalog.cdc = new PostgresCdcSettings(170004, "logical", "on", 1, 1, 10, 1, -1); // a blocker, were it read again
        String looped = assertThrows(StepFailed.class, () -> preflight.preflight(migration().preflight(second).build(),
                CallBudget.of(Duration.ZERO))).getMessage();

        assertEquals(one, looped, "the same failure as in one call");
        assertTrue(looped.contains("public.attachments.body"), looped);
        assertEquals(List.of(DOCUMENTS, TableName.of("public", "attachments")), catalog.lobsMeasured, "each table once");
        assertFalse(looped.contains("max_replication_slots"), "later calls scan LOBs only: the other checks ran once");
        assertNothingTouched();
    }

    @Test
    void theParameterGroupRouteRefusesAnInstanceTargetOnADefaultGroupAndPassesACustomOne() {
        java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> instanceTarget = in -> {
            in.put("replicationRoleRoute", "parameterGroup");
            ((com.fasterxml.jackson.databind.node.ObjectNode) in.get("target")).put("kind", "instance").put("id", "orders-pg");
        };
        String cause = assertThrows(StepFailed.class, () -> preflight.preflight(migration().input(instanceTarget)
                .targetParameterGroup("default.postgres17").build())).getMessage();

        assertTrue(cause.contains("BLOCKER target instance orders-pg/orders (replicationRoleRoute parameterGroup): its DB"
                + " parameter group default.postgres17 is an RDS default group"), cause);
        assertTrue(cause.contains("aws rds modify-db-instance --db-instance-identifier orders-pg --db-parameter-group-name"
                + " <new-group> --apply-immediately"), cause);
        assertTrue(cause.contains("modify-db-parameter-group --db-parameter-group-name <new-group> --parameters"
                + " \"ParameterName=session_replication_role,ParameterValue=replica,ApplyMethod=immediate\""), cause);
        assertTrue(cause.contains("aws rds reboot-db-instance --db-instance-identifier orders-pg"),
                "attaching a group needs the reboot: " + cause);

        assertEquals(3, preflight.preflight(migration().input(instanceTarget).build()).tables(), "a custom group passes");
        assertEquals(3, preflight.preflight(migration().targetParameterGroup("default.aurora-postgresql16").build()).tables(),
                "the role route does not care about the group");
    }

    @Test
    void blockersOfTheFirstCallAreKeptAndNamedWithTheLobsAtTheEnd() {
        twoLobTables();
        catalog.cdc = new PostgresCdcSettings(170004, "logical", "on", 1, 1, 10, 1, -1);
        MigrationState.Preflight p = null;
        int calls = 0;
        String cause = null;
        try {
            do {
                p = preflight.preflight(migration().preflight(p).build(), CallBudget.of(Duration.ZERO));
            } while (++calls < 10);
        } catch (StepFailed e) {
            cause = e.getMessage();
        }
        assertEquals(2, calls, "two calls returned, the third named everything");
        assertTrue(cause.startsWith("preflight: 2 problem(s), nothing was touched"), cause);
        assertTrue(cause.contains("max_replication_slots") && cause.contains("public.attachments.body"), cause);
    }

    static final String DOOR_SOURCE_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2SOURCE";
    static final String DOOR_TARGET_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORATARGET1";

    /** The two-way door's backward task endpoints tested, its slot named, the applications' entries on both sites. */
    private void aReadyTwoWayDoor() {
        for (String[] e : new String[][]{{DOOR_SOURCE_ENDPOINT, "source"}, {DOOR_TARGET_ENDPOINT, "target"}}) {
            dms.addEndpoint(e[0], e[1] + "-door", e[1]);
            dms.connections.put(INSTANCE + "|" + e[0], new io.cutover.replication.ConnectionStatus("successful", null));
        }
        dms.slotNames.put(DOOR_SOURCE_ENDPOINT, "cutover_orders_b");
        for (String app : List.of("orders-api", "billing-worker")) {
            appMap.put(new io.cutover.appmap.Application(app, java.util.Map.of(
                    "SITEA", new io.cutover.appmap.Site("SITEA", io.cutover.instance.Engine.POSTGRES, SOURCE_HOST, 5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf"),
                    "SITEB", new io.cutover.appmap.Site("SITEB", io.cutover.instance.Engine.POSTGRES, TARGET_HOST, 5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf")),
                    "SITEA", io.cutover.appmap.AppStatus.OPEN, null, 0));
        }
    }

    @Test
    void aReadyTwoWayDoorPasses() {
        aReadyTwoWayDoor();

        MigrationState.Preflight p = preflight.preflight(MigrationStates.twoWayDoorMigration().build());

        assertEquals(3, p.tables());
        assertNothingTouched();
    }

    @Test
    void everyTwoWayDoorProblemIsNamedAtOnceWithTheTargetsParameterGroupCommand() {
        aReadyTwoWayDoor();
        dms.connections.remove(INSTANCE + "|" + DOOR_TARGET_ENDPOINT);
        dms.slotNames.put(DOOR_SOURCE_ENDPOINT, "some_other_slot");
        catalog.cdcByHost.put(TARGET_HOST, new PostgresCdcSettings(170004, "replica", "0", 10, 1, 10, 1, -1));
        appMap.put(new io.cutover.appmap.Application("billing-worker", java.util.Map.of(
                "SITEA", new io.cutover.appmap.Site("SITEA", io.cutover.instance.Engine.POSTGRES, SOURCE_HOST, 5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf")),
                "SITEA", io.cutover.appmap.AppStatus.OPEN, null, 0));

        String cause = assertThrows(StepFailed.class, () -> preflight.preflight(MigrationStates.twoWayDoorMigration().build()))
                .getMessage();

        assertTrue(cause.startsWith("preflight: 4 problem(s), nothing was touched: "), cause);
        assertTrue(cause.contains("twoWayDoor.sourceTargetEndpointArn has not tested successful from the replication instance"
                + " (never tested)"), cause);
        assertTrue(cause.contains("twoWayDoor.targetSourceEndpointArn must read slot cutover_orders_b (twoWayDoor.targetSlotName)"
                + " with twoWayDoor.postgresPlugin test_decoding") && cause.contains("aws dms modify-endpoint --endpoint-arn "
                + DOOR_SOURCE_ENDPOINT), cause);
        assertTrue(cause.contains("BLOCKER target wal_level (the backward task reads the target): is replica; DMS CDC needs logical"
                + " -- fix: aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name tgt-params"), cause);
        assertTrue(cause.contains("aws rds reboot-db-instance --db-instance-identifier orders-aurora-v2-1"), "the target's writer: " + cause);
        assertTrue(cause.contains("BLOCKER application billing-worker: has no site SITEB in the appmap"), cause);
        assertNothingTouched();
        assertEquals(List.of(), dms.createdTasks);
    }

    @Test
    void aMappingTheBackwardTaskCannotMirrorIsRefusedNamingItsRule() {
        aReadyTwoWayDoor();
        MigrationState state = MigrationStates.twoWayDoorMigration().input(in -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                in.with("dms").with("tableMappings").withArray("rules")).addObject()
                .put("rule-type", "transformation").put("rule-id", "2").put("rule-name", "amt").put("rule-target", "column")
                .put("rule-action", "rename").put("value", "amount").putObject("object-locator")
                .put("schema-name", "public").put("table-name", "orders").put("column-name", "amt")).build();

        String cause = assertThrows(StepFailed.class, () -> preflight.preflight(state)).getMessage();

        assertTrue(cause.startsWith("preflight: 1 problem(s), nothing was touched: BLOCKER table mappings (the backward task's"
                + " are their mirror, target -> source): rule 2: transformation rename on column amt of public.orders cannot be"
                + " inverted"), cause);
        assertNothingTouched();
        assertEquals(3, preflight.preflight(MigrationStates.twoWayDoorMigration().build()).tables(), "without it: ready");
    }

    private String fails() {
        return assertThrows(StepFailed.class, () -> preflight.preflight(migration().build())).getMessage();
    }

    private void assertNothingTouched() {
        assertEquals(List.of(), dms.createdTasks);
        assertEquals(List.of(), dms.createdEndpoints);
        assertEquals(List.of(), dms.startedTasks);
    }

    static TableDefinition keyed(TableName name, String... key) {
        return io.cutover.testing.MigrationTestData.keyed(name, key);
    }

    static TableDefinition unkeyed(TableName name) {
        return new TableDefinition(name, List.of(new ColumnDefinition("id", "bigint", ValueKind.INTEGER, false, true, null, true),
                new ColumnDefinition("body", "text", ValueKind.STRING, true, true, null, false),
                new ColumnDefinition("scan", "bytea", ValueKind.BINARY, true, true, null, true)), List.of(), 10, 8192);
    }

    static TableDefinition documents() {
        TableDefinition t = unkeyed(DOCUMENTS);
        return new TableDefinition(DOCUMENTS, t.columns(), List.of("id"), 10, 8192);
    }
}
