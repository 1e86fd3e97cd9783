package io.cutover.migrate.catalog;

/**
 * @param rdsLogicalReplication the {@code rds.logical_replication} setting, null where the server
 *                              is not RDS or Aurora (the setting does not exist there)
 * @param maxSlotWalKeepSizeMb  {@code max_slot_wal_keep_size} in MB, -1 for unlimited
 */
public record PostgresCdcSettings(int serverVersionNum, String walLevel, String rdsLogicalReplication,
                                  int maxReplicationSlots, int replicationSlotsUsed,
                                  int maxWalSenders, int walSendersUsed, long maxSlotWalKeepSizeMb)
        implements CdcSettings {

    public boolean onRds() {
        return rdsLogicalReplication != null;
    }

    /** rds.logical_replication is a boolean setting: SHOW gives on/off, the parameter group 1/0. */
    public boolean rdsLogicalReplicationOn() {
        return rdsLogicalReplication != null && java.util.Set.of("1", "on", "true").contains(rdsLogicalReplication);
    }
}
