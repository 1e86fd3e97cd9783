package io.cutover.migrate.preflight;

import io.cutover.migrate.catalog.OracleCdcSettings;
import io.cutover.migrate.catalog.PostgresCdcSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdcPrerequisitesTest {

    private static final CdcPrerequisites.Needs ONE = CdcPrerequisites.Needs.oneTask();

    private static PostgresCdcSettings pg(String walLevel, String rdsLogical, int slots, int slotsUsed, int senders, int sendersUsed,
                                          long keepMb) {
        return new PostgresCdcSettings(160004, walLevel, rdsLogical, slots, slotsUsed, senders, sendersUsed, keepMb);
    }

    @Test
    void aReadySourceHasNoFinding() {
        assertEquals(List.of(), CdcPrerequisites.check(pg("logical", "on", 10, 2, 10, 1, -1),
                new ParameterHome.RdsInstance("orders-db", "orders-pg16"), ONE));
    }

    @Test
    void rdsWithACustomGroupGetsTheParameterGroupChangeAndTheReboot() {
        List<Finding> f = CdcPrerequisites.check(pg("replica", "off", 5, 5, 10, 10, -1),
                new ParameterHome.RdsInstance("orders-db", "orders-pg16"), ONE);
        assertEquals(List.of("wal_level", "max_replication_slots", "max_wal_senders"), f.stream().map(Finding::subject).toList());
        assertTrue(f.stream().allMatch(Finding::blocks));
        assertEquals(List.of("aws rds modify-db-parameter-group --db-parameter-group-name orders-pg16 --parameters"
                        + " \"ParameterName=rds.logical_replication,ParameterValue=1,ApplyMethod=pending-reboot\"",
                "aws rds reboot-db-instance --db-instance-identifier orders-db"), f.get(0).fix());
        assertEquals("is 5 with 5 slots in use; the run needs 1 free", f.get(1).problem());
        assertTrue(f.get(1).fix().get(0).contains("ParameterName=max_replication_slots,ParameterValue=6,"), f.get(1).fix().toString());
        assertTrue(f.get(2).fix().get(0).contains("ParameterName=max_wal_senders,ParameterValue=11,"));
    }

    @Test
    void aDefaultGroupCannotBeModifiedSoACustomOneIsMadeAndAttachedFirst() {
        List<String> fix = CdcPrerequisites.check(pg("replica", "off", 10, 0, 10, 0, -1),
                new ParameterHome.RdsInstance("orders-db", "default.postgres16"), ONE).get(0).fix();
        assertEquals(4, fix.size(), fix.toString());
        assertTrue(fix.get(0).startsWith("aws rds create-db-parameter-group --db-parameter-group-name <new-group>"));
        assertTrue(fix.get(1).startsWith("aws rds modify-db-instance --db-instance-identifier orders-db --db-parameter-group-name <new-group>"));
        assertTrue(fix.get(2).startsWith("aws rds modify-db-parameter-group --db-parameter-group-name <new-group> --parameters"));
        assertEquals("aws rds reboot-db-instance --db-instance-identifier orders-db", fix.get(3));
    }

    @Test
    void auroraChangesTheClusterParameterGroupAndRebootsTheWriter() {
        List<String> fix = CdcPrerequisites.check(pg("replica", "off", 10, 0, 10, 0, -1),
                new ParameterHome.AuroraCluster("orders", "orders-apg16", "orders-writer"), ONE).get(0).fix();
        assertEquals(List.of("aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name orders-apg16 --parameters"
                        + " \"ParameterName=rds.logical_replication,ParameterValue=1,ApplyMethod=pending-reboot\"",
                "aws rds reboot-db-instance --db-instance-identifier orders-writer"), fix);
    }

    @Test
    void logicalReplicationSetButNotYetInEffectNeedsOnlyTheReboot() {
        Finding f = CdcPrerequisites.check(pg("replica", "on", 10, 0, 10, 0, -1),
                new ParameterHome.RdsInstance("orders-db", "orders-pg16"), ONE).get(0);
        assertTrue(f.problem().contains("already 1 but not in effect"), f.problem());
        assertEquals(List.of("aws rds reboot-db-instance --db-instance-identifier orders-db"), f.fix());
    }

    @Test
    void aSlotWalLimitIsAWarningUnlessTheLoadIsKnownToWriteMore() {
        PostgresCdcSettings limited = pg("logical", null, 10, 0, 10, 0, 1024);
        Finding warning = CdcPrerequisites.check(limited, new ParameterHome.SelfManaged(), ONE).get(0);
        assertFalse(warning.blocks());
        assertEquals(List.of("ALTER SYSTEM SET max_slot_wal_keep_size = '-1';", "SELECT pg_reload_conf();"), warning.fix());
        Finding blocker = CdcPrerequisites.check(limited, new ParameterHome.RdsInstance("db", "grp"),
                new CdcPrerequisites.Needs(1, 1, 50_000)).get(0);
        assertTrue(blocker.blocks());
        assertTrue(blocker.problem().startsWith("is 1024 MB, below the 50000 MB of WAL expected"), blocker.problem());
        assertEquals(List.of("aws rds modify-db-parameter-group --db-parameter-group-name grp --parameters"
                + " \"ParameterName=max_slot_wal_keep_size,ParameterValue=-1,ApplyMethod=immediate\""), blocker.fix(),
                "a dynamic parameter: no reboot");
    }

    @Test
    void oracleNeedsArchivelogAndSupplementalLoggingWithTheRdsadminCalls() {
        List<Finding> rds = CdcPrerequisites.check(granted("NOARCHIVELOG", "NO", "NO"),
                new ParameterHome.RdsInstance("erp", "erp-ora19"), ONE);
        assertEquals(List.of("LOG_MODE", "SUPPLEMENTAL_LOG_DATA_MIN", "SUPPLEMENTAL_LOG_DATA_PK"),
                rds.stream().map(Finding::subject).toList());
        assertTrue(rds.get(0).fix().get(0).startsWith("aws rds modify-db-instance --db-instance-identifier erp --backup-retention-period 7"));
        assertEquals(List.of("EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD');"), rds.get(1).fix());
        assertEquals(List.of("EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD', p_type => 'PRIMARY KEY');"),
                rds.get(2).fix());
        List<Finding> own = CdcPrerequisites.check(granted("ARCHIVELOG", "IMPLICIT", "NO"),
                new ParameterHome.SelfManaged(), ONE);
        assertEquals(List.of("ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS;"), own.get(0).fix());
        assertEquals(1, own.size(), "IMPLICIT minimal logging is enough");
    }

    /** A login holding every grant DMS needs and 24 hours of archived logs kept: only the logging settings vary. */
    private static OracleCdcSettings granted(String logMode, String min, String pk) {
        return new OracleCdcSettings(logMode, min, pk, 24, "DMS_USER", java.util.Set.copyOf(io.cutover.migrate.catalog.OracleDmsGrants.SYSTEM),
                io.cutover.migrate.catalog.OracleDmsGrants.OBJECTS.stream().map(io.cutover.migrate.catalog.OracleDmsGrants.ObjectGrant::key)
                        .collect(java.util.stream.Collectors.toSet()));
    }
}
