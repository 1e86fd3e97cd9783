package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.migrate.catalog.MigrationCatalogs;
import io.cutover.migrate.catalog.OracleCdcSettings;
import io.cutover.migrate.catalog.OracleDmsGrants;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeReplication;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.cutover.migrate.run.OracleSourceCatalog.table;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preflight of an Oracle (RDS) source converted with SCT into a PostgreSQL target, at fake level: the
 * source's settings and grants are given as the Oracle catalog reads them (its SQL is checked on the
 * stand-in: OracleMigrationStandInTest). One test per missing prerequisite, each asserting the
 * message and the exact fix; a fully prepared source passes and nothing is touched either way.
 */
class OracleMigratePreflightTest {
    private static final String INSTANCE = "arn:aws:dms:eu-west-1:123456789012:rep:ORDERSREPLINSTANCE1";
    private static final String SOURCE_EP = "arn:aws:dms:eu-west-1:123456789012:endpoint:ERPORACLESOURCE1";
    private static final String TARGET_EP = "arn:aws:dms:eu-west-1:123456789012:endpoint:ERPAURORATARGET1";

    /**
     * The DMS user guide's grants for an AWS-managed Oracle source, typed from the guide (not from
     * {@link OracleDmsGrants}): a login holding these has nothing missing.
     */
    private static final List<String> DOCUMENTED_SYS_OBJECTS = List.of("ALL_VIEWS", "ALL_TAB_PARTITIONS", "ALL_INDEXES",
            "ALL_OBJECTS", "ALL_TABLES", "ALL_USERS", "ALL_CATALOG", "ALL_CONSTRAINTS", "ALL_CONS_COLUMNS", "ALL_TAB_COLS",
            "ALL_IND_COLUMNS", "ALL_LOG_GROUPS", "V_$ARCHIVED_LOG", "V_$LOG", "V_$LOGFILE", "V_$DATABASE", "V_$THREAD",
            "V_$PARAMETER", "V_$NLS_PARAMETERS", "V_$TIMEZONE_NAMES", "V_$TRANSACTION", "V_$CONTAINERS", "DBA_REGISTRY", "OBJ$",
            "ALL_ENCRYPTED_COLUMNS", "V_$LOGMNR_LOGS", "V_$LOGMNR_CONTENTS", "REGISTRY$SQLPATCH", "DBA_TABLESPACES");
    private static final Set<String> ALL_OBJECT_GRANTS = allObjectGrants();
    private static final Set<String> ALL_SYSTEM = Set.of("CREATE SESSION", "SELECT ANY TRANSACTION", "LOGMINING");

    private final FakeReplication dms = FakeReplication.ready(INSTANCE, SOURCE_EP, "ERPORACLESOURCE1");
    private final OracleSourceCatalog oracle = new OracleSourceCatalog();
    private final FakeMigrationCatalog postgres = new FakeMigrationCatalog();
    private final MigratePreflight preflight = new MigratePreflight(
            new MigrationCatalogs(Map.of(Engine.ORACLE, oracle, Engine.POSTGRES, postgres)), dms,
            new io.cutover.testing.FakeAppMap());

    OracleMigratePreflightTest() {
        dms.addEndpoint(TARGET_EP, "ERPAURORATARGET1", "target");
        oracle.tables = List.of(table("HR", "EMPLOYEES", List.of("ID"), "ID", "NAME", "DEPT_ID"),
                table("HR", "DEPTS", List.of("ID"), "ID", "TITLE"));
        postgres.tables.put(TARGET_HOST, List.of(table("hr", "employees", List.of("id"), "id", "name", "dept_id"),
                table("hr", "depts", List.of("id"), "id", "title")));
    }

    private static Set<String> allObjectGrants() {
        Set<String> out = DOCUMENTED_SYS_OBJECTS.stream().map(o -> "SYS." + o + " SELECT").collect(Collectors.toCollection(HashSet::new));
        out.add("SYS.DBMS_LOGMNR EXECUTE");
        out.add("RDSADMIN.RDSADMIN_UTIL EXECUTE");
        return out;
    }

    /** events/start-migration-oracle.json (RDS for Oracle, SCT's lower-case rules); retention hours as given (null: the default). */
    private MigrationState state(Integer retentionHours) {
        return OracleSourceCatalog.migration().input(in -> {
            if (retentionHours == null) in.remove("archivelogRetentionHours");
            else in.put("archivelogRetentionHours", retentionHours);
        }).build();
    }

    private static OracleCdcSettings ready() {
        return granted(ALL_SYSTEM, ALL_OBJECT_GRANTS);
    }

    /** Logging and retention in order; the login DMS_USER holds these privileges. */
    private static OracleCdcSettings granted(Set<String> system, Set<String> objects) {
        return new OracleCdcSettings("ARCHIVELOG", "YES", "YES", 24, "DMS_USER", system, objects);
    }

    private static void assertHas(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), () -> "missing <" + p + "> in " + message);
    }

    private String refused(OracleCdcSettings settings, Integer retentionHours) {
        oracle.settings = settings;
        return assertThrows(StepFailed.class, () -> preflight.preflight(state(retentionHours))).getMessage();
    }

    @Test
    void aPreparedOracleSourceWithItsConvertedSchemaPasses() {
        oracle.settings = ready();
        MigrationState.Preflight p = preflight.preflight(state(null));
        assertEquals(2, p.tables());
        assertEquals(List.of(), p.warnings());
        assertEquals(Engine.ORACLE, state(null).sourceConnection().engine());
        assertEquals(Engine.POSTGRES, state(null).targetConnection().engine());
    }

    @Test
    void noArchivelogModeNamesAutomatedBackupsAndTheModifyCall() {
        String m = refused(new OracleCdcSettings("NOARCHIVELOG", "YES", "YES", 24, "DMS_USER", ALL_SYSTEM, ALL_OBJECT_GRANTS), null);
        assertTrue(m.startsWith("preflight: 1 problem(s), nothing was touched: BLOCKER LOG_MODE: is NOARCHIVELOG; DMS reads"
                + " changes from the redo and archived logs (RDS runs ARCHIVELOG exactly while automated backups are on) -- fix:"
                + " aws rds modify-db-instance --db-instance-identifier erp-oracle --backup-retention-period 7 --apply-immediately"), m);
    }

    @Test
    void noMinimalSupplementalLoggingGivesTheRdsadminAddCall() {
        String m = refused(new OracleCdcSettings("ARCHIVELOG", "NO", "YES", 24, "DMS_USER", ALL_SYSTEM, ALL_OBJECT_GRANTS), null);
        assertTrue(m.endsWith("BLOCKER SUPPLEMENTAL_LOG_DATA_MIN: is NO; DMS needs minimal supplemental logging at database level"
                + " -- fix: EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD');"), m);
    }

    @Test
    void noPrimaryKeySupplementalLoggingGivesTheRdsadminPrimaryKeyCall() {
        String m = refused(new OracleCdcSettings("ARCHIVELOG", "YES", "NO", 24, "DMS_USER", ALL_SYSTEM, ALL_OBJECT_GRANTS), null);
        assertTrue(m.endsWith("BLOCKER SUPPLEMENTAL_LOG_DATA_PK: is NO; DMS needs primary-key supplemental logging to apply"
                + " updates by key -- fix: EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD',"
                + " p_type => 'PRIMARY KEY');"), m);
    }

    @Test
    void archivedLogRetentionShorterThanTheInputAsksGivesTheSetConfigurationCall() {
        String m = refused(new OracleCdcSettings("ARCHIVELOG", "YES", "YES", 24, "DMS_USER", ALL_SYSTEM, ALL_OBJECT_GRANTS), 72);
        assertTrue(m.contains("BLOCKER archivelog retention hours: is 24, below the 72 hours the load needs"
                + " (archivelogRetentionHours)"), m);
        assertTrue(m.endsWith("-- fix: EXEC rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', 72); ; COMMIT;"), m);
    }

    @Test
    void unsetRetentionFailsAgainstTheDefaultOf24Hours() {
        String m = refused(new OracleCdcSettings("ARCHIVELOG", "YES", "YES", 0, "DMS_USER", ALL_SYSTEM, ALL_OBJECT_GRANTS), null);
        assertTrue(m.contains("archivelog retention hours: is 0, below the 24 hours"), m);
    }

    @Test
    void eachMissingLogMinerGrantIsListedWithItsGrantSysObjectCall() {
        Set<String> objects = new HashSet<>(ALL_OBJECT_GRANTS);
        objects.remove("SYS.V_$LOGMNR_CONTENTS SELECT");
        objects.remove("SYS.DBMS_LOGMNR EXECUTE");
        objects.remove("SYS.V_$ARCHIVED_LOG SELECT");
        String m = refused(granted(ALL_SYSTEM, objects), null);
        assertTrue(m.startsWith("preflight: 3 problem(s)"), m);
        assertHas(m, "BLOCKER grant SELECT on SYS.V_$ARCHIVED_LOG: the login DMS_USER lacks it; the DMS user guide lists"
                        + " it for an Oracle source (full load and CDC with LogMiner) -- fix:"
                        + " EXEC rdsadmin.rdsadmin_util.grant_sys_object('V_$ARCHIVED_LOG', 'DMS_USER', 'SELECT');",
                "grant_sys_object('V_$LOGMNR_CONTENTS', 'DMS_USER', 'SELECT');",
                "BLOCKER grant EXECUTE on SYS.DBMS_LOGMNR: the login DMS_USER lacks it;",
                "grant_sys_object('DBMS_LOGMNR', 'DMS_USER', 'EXECUTE');");
    }

    @Test
    void missingSystemPrivilegesAndRdsadminExecuteAreGrantedWithPlainGrant() {
        Set<String> objects = new HashSet<>(ALL_OBJECT_GRANTS);
        objects.remove("RDSADMIN.RDSADMIN_UTIL EXECUTE");
        String m = refused(granted(Set.of("CREATE SESSION"), objects), null);
        assertTrue(m.startsWith("preflight: 3 problem(s)"), m);
        assertHas(m, "BLOCKER grant SELECT ANY TRANSACTION: the login DMS_USER lacks SELECT ANY TRANSACTION;"
                        + " the DMS user guide lists it for an Oracle source (full load and CDC with LogMiner) -- fix:"
                        + " GRANT SELECT ANY TRANSACTION TO DMS_USER;",
                "-- fix: GRANT LOGMINING TO DMS_USER;",
                "-- fix: GRANT EXECUTE ON RDSADMIN.RDSADMIN_UTIL TO DMS_USER;");
    }

    @Test
    void selectAnyDictionaryCoversTheSysViewsButNotExecuteOnLogMiner() {
        Set<String> system = new HashSet<>(ALL_SYSTEM);
        system.add("SELECT ANY DICTIONARY");
        String m = refused(granted(system, Set.of("RDSADMIN.RDSADMIN_UTIL EXECUTE")), null);
        assertTrue(m.startsWith("preflight: 1 problem(s), nothing was touched: BLOCKER grant EXECUTE on SYS.DBMS_LOGMNR"), m);
    }

    @Test
    void theConvertedSchemaIsComparedAfterSctsCaseFoldingAndDifferencesAreListed() {
        postgres.tables.put(TARGET_HOST, List.of(table("hr", "employees", List.of("name"), "id", "name"),
                table("hr", "DEPTS", List.of("id"), "id", "title")));
        String m = refused(ready(), null);
        assertHas(m, "BLOCKER HR.DEPTS -> hr.depts: is missing on the target; it has hr.DEPTS, which differs only in case",
                "BLOCKER HR.EMPLOYEES -> hr.employees: primary key differs: the source's maps to (id), the target has (name)",
                "BLOCKER HR.EMPLOYEES -> hr.employees: columns missing on the target: dept_id");
    }

    @Test
    void everyShortfallIsNamedAtOnce() {
        String m = refused(new OracleCdcSettings("NOARCHIVELOG", "NO", "NO", 0, "DMS_USER", Set.of(), Set.of()), null);
        int expected = 4 + OracleDmsGrants.SYSTEM.size() + OracleDmsGrants.OBJECTS.size();
        assertTrue(m.startsWith("preflight: " + expected + " problem(s)"), m);
        assertFalse(dms.createdEndpoints.size() + dms.startedTasks.size() > 0, "nothing touched");
    }
}
