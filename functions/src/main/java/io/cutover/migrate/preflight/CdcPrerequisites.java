package io.cutover.migrate.preflight;

import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.OracleCdcSettings;
import io.cutover.migrate.catalog.OracleDmsGrants;
import io.cutover.migrate.catalog.PostgresCdcSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a source can feed a DMS full-load-and-CDC task, each shortfall with the exact commands
 * that fix it where the parameters live (DMS user guide, "Using a PostgreSQL database as a source"
 * and "Using an Oracle database as a source").
 */
public final class CdcPrerequisites {

    /**
     * What the run needs from the source.
     *
     * @param slots           logical replication slots the run's tasks create (one per task)
     * @param walSenders      WAL senders they hold open (one per running task)
     * @param walDuringLoadMb WAL the source is expected to write while the full load runs, -1 when unknown
     * @param archivelogHours Oracle: hours RDS must keep archived logs for DMS (the load and its catch-up)
     */
    public record Needs(int slots, int walSenders, long walDuringLoadMb, long archivelogHours) {
        /** The DMS user guide's example retention: 24 hours. */
        public static final long DEFAULT_ARCHIVELOG_HOURS = 24;

        public Needs(int slots, int walSenders, long walDuringLoadMb) {
            this(slots, walSenders, walDuringLoadMb, DEFAULT_ARCHIVELOG_HOURS);
        }

        public static Needs oneTask() {
            return new Needs(1, 1, -1);
        }

        public Needs withArchivelogHours(long hours) {
            return new Needs(slots, walSenders, walDuringLoadMb, hours);
        }
    }

    private CdcPrerequisites() {
    }

    public static List<Finding> check(CdcSettings settings, ParameterHome home, Needs needs) {
        return switch (settings) {
            case PostgresCdcSettings pg -> postgres(pg, home, needs);
            case OracleCdcSettings ora -> oracle(ora, home, needs);
        };
    }

    private static List<Finding> postgres(PostgresCdcSettings s, ParameterHome home, Needs needs) {
        List<Finding> out = new ArrayList<>();
        if (!"logical".equals(s.walLevel())) {
            boolean rds = !(home instanceof ParameterHome.SelfManaged);
            List<String> fix = rds ? home.set("rds.logical_replication", "1", true) : home.set("wal_level", "logical", true);
            String pending = s.rdsLogicalReplicationOn()
                    ? " (rds.logical_replication is already 1 but not in effect: the instance has not been rebooted since)" : "";
            out.add(Finding.blocker("wal_level", "is " + s.walLevel() + "; DMS CDC needs logical" + pending,
                    s.rdsLogicalReplicationOn() ? fix.subList(fix.size() - 1, fix.size()) : fix));
        }
        int freeSlots = s.maxReplicationSlots() - s.replicationSlotsUsed();
        if (freeSlots < needs.slots()) {
            out.add(Finding.blocker("max_replication_slots", "is " + s.maxReplicationSlots() + " with "
                    + s.replicationSlotsUsed() + " slots in use; the run needs " + needs.slots() + " free",
                    home.set("max_replication_slots", Integer.toString(s.replicationSlotsUsed() + needs.slots()), true)));
        }
        int freeSenders = s.maxWalSenders() - s.walSendersUsed();
        if (freeSenders < needs.walSenders()) {
            out.add(Finding.blocker("max_wal_senders", "is " + s.maxWalSenders() + " with " + s.walSendersUsed()
                    + " WAL senders running; the run needs " + needs.walSenders() + " free",
                    home.set("max_wal_senders", Integer.toString(s.walSendersUsed() + needs.walSenders()), true)));
        }
        long keep = s.maxSlotWalKeepSizeMb();
        if (keep >= 0) {
            String risk = "a slot more than " + keep + " MB behind is invalidated: the DMS task then fails and the"
                    + " load starts over";
            List<String> fix = home.set("max_slot_wal_keep_size", "-1", false);
            if (needs.walDuringLoadMb() >= 0 && keep < needs.walDuringLoadMb()) {
                out.add(Finding.blocker("max_slot_wal_keep_size", "is " + keep + " MB, below the " + needs.walDuringLoadMb()
                        + " MB of WAL expected during the full load; " + risk, fix));
            } else {
                out.add(Finding.warning("max_slot_wal_keep_size", "is " + keep + " MB; " + risk
                        + " (-1 keeps WAL for the slot without limit: watch the free storage instead)", fix));
            }
        }
        return out;
    }

    private static List<Finding> oracle(OracleCdcSettings s, ParameterHome home, Needs needs) {
        List<Finding> out = new ArrayList<>();
        boolean rds = !(home instanceof ParameterHome.SelfManaged);
        if (!"ARCHIVELOG".equals(s.logMode())) {
            out.add(Finding.blocker("LOG_MODE", "is " + s.logMode() + "; DMS reads changes from the redo and archived logs"
                            + (rds ? " (RDS runs ARCHIVELOG exactly while automated backups are on)" : ""),
                    home instanceof ParameterHome.RdsInstance i
                            ? List.of("aws rds modify-db-instance --db-instance-identifier " + i.instanceId()
                            + " --backup-retention-period 7 --apply-immediately")
                            : List.of("SHUTDOWN IMMEDIATE", "STARTUP MOUNT", "ALTER DATABASE ARCHIVELOG;", "ALTER DATABASE OPEN;")));
        }
        if ("NO".equals(s.supplementalLogDataMin())) {
            out.add(Finding.blocker("SUPPLEMENTAL_LOG_DATA_MIN", "is NO; DMS needs minimal supplemental logging at database level",
                    List.of(rds ? "EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD');"
                            : "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;")));
        }
        if (!"YES".equals(s.supplementalLogDataPk())) {
            out.add(Finding.blocker("SUPPLEMENTAL_LOG_DATA_PK", "is " + s.supplementalLogDataPk()
                            + "; DMS needs primary-key supplemental logging to apply updates by key",
                    List.of(rds ? "EXEC rdsadmin.rdsadmin_util.alter_supplemental_logging(p_action => 'ADD', p_type => 'PRIMARY KEY');"
                            : "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS;")));
        }
        if (rds && s.archivelogRetentionHours() < needs.archivelogHours()) {
            out.add(Finding.blocker("archivelog retention hours", "is " + s.archivelogRetentionHours() + ", below the "
                            + needs.archivelogHours() + " hours the load needs (archivelogRetentionHours): RDS deletes archived"
                            + " logs DMS has not read yet and the task fails; check the storage holds that many hours of logs",
                    List.of("EXEC rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', "
                            + needs.archivelogHours() + ");", "COMMIT;")));
        }
        out.addAll(grants(s, rds));
        return out;
    }

    /** One finding per missing privilege, each with its grant; SELECT ANY DICTIONARY covers SELECT on SYS objects. */
    private static List<Finding> grants(OracleCdcSettings s, boolean rds) {
        List<Finding> out = new ArrayList<>();
        String why = "the DMS user guide lists it for an Oracle source (full load and CDC with LogMiner)";
        for (String p : OracleDmsGrants.SYSTEM) {
            if (s.systemPrivileges().contains(p)) continue;
            out.add(Finding.blocker("grant " + p, "the login " + s.login() + " lacks " + p + "; " + why,
                    List.of("GRANT " + p + " TO " + s.login() + ";")));
        }
        boolean anyDictionary = s.systemPrivileges().contains(OracleDmsGrants.SELECT_ANY_DICTIONARY);
        for (OracleDmsGrants.ObjectGrant g : OracleDmsGrants.OBJECTS) {
            boolean sysSelect = "SYS".equals(g.owner()) && "SELECT".equals(g.privilege());
            if (s.objectPrivileges().contains(g.key()) || (sysSelect && anyDictionary)) continue;
            String fix = "SYS".equals(g.owner()) && rds
                    ? "EXEC rdsadmin.rdsadmin_util.grant_sys_object('" + g.object() + "', '" + s.login() + "', '" + g.privilege() + "');"
                    : "GRANT " + g.privilege() + " ON " + g.owner() + "." + g.object() + " TO " + s.login() + ";";
            out.add(Finding.blocker("grant " + g.privilege() + " on " + g.owner() + "." + g.object(),
                    "the login " + s.login() + " lacks it; " + why, List.of(fix)));
        }
        return out;
    }
}
