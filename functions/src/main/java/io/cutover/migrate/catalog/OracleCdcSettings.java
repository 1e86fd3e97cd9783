package io.cutover.migrate.catalog;

import java.util.Set;

/**
 * What a DMS Oracle source depends on, as read from the source: V$DATABASE's log mode and
 * database-level supplemental logging, RDS's archived-log retention, and the privileges of the
 * login the run connects with (the DMS user: the source secret is the one its endpoint uses).
 *
 * @param supplementalLogDataMin    YES, IMPLICIT or NO
 * @param supplementalLogDataPk     YES or NO
 * @param archivelogRetentionHours  rdsadmin.rds_configuration 'archivelog retention hours' (0 when unset)
 * @param login                     the login's name (USER), as grants name it
 * @param systemPrivileges          SESSION_PRIVS of the login (through its roles too)
 * @param objectPrivileges          "OWNER.OBJECT PRIVILEGE" held by the login, its enabled roles or PUBLIC
 *                                  (ALL_TAB_PRIVS), among the objects {@link OracleDmsGrants#OBJECTS} names
 */
public record OracleCdcSettings(String logMode, String supplementalLogDataMin, String supplementalLogDataPk,
                                long archivelogRetentionHours, String login, Set<String> systemPrivileges,
                                Set<String> objectPrivileges) implements CdcSettings {

    public OracleCdcSettings {
        systemPrivileges = Set.copyOf(systemPrivileges);
        objectPrivileges = Set.copyOf(objectPrivileges);
    }
}
