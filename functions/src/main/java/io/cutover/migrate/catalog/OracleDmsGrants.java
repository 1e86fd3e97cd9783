package io.cutover.migrate.catalog;

import java.util.List;

/**
 * The privileges the DMS user needs on an AWS-managed Oracle source for a full load and CDC with
 * LogMiner, as the DMS user guide lists them ("User account privileges required on an
 * AWS-managed Oracle source for AWS DMS", CHAP_Source.Oracle.html#CHAP_Source.Oracle.Amazon-Managed.Privileges):
 * system privileges granted with GRANT, SYS objects through rdsadmin.rdsadmin_util.grant_sys_object.
 * Left out: the grants the guide lists only for Binary Reader, Active Data Guard standbys, TDE and
 * DMS's own validation of LOB columns (DBMS_CRYPTO), and SELECT on each replicated table.
 */
public final class OracleDmsGrants {

    /** A privilege on an object, e.g. SELECT on SYS.V_$LOGMNR_CONTENTS. */
    public record ObjectGrant(String owner, String object, String privilege) {
        /** As {@link OracleCdcSettings#objectPrivileges()} spells what the login holds. */
        public String key() {
            return owner + "." + object + " " + privilege;
        }
    }

    /** CREATE SESSION, SELECT ANY TRANSACTION, and LOGMINING (12c and later: LogMiner needs it). */
    public static final List<String> SYSTEM = List.of("CREATE SESSION", "SELECT ANY TRANSACTION", "LOGMINING");

    /** Held when SELECT on every SYS object below is (but not EXECUTE): Oracle's own shortcut. */
    public static final String SELECT_ANY_DICTIONARY = "SELECT ANY DICTIONARY";

    private static final List<String> SYS_VIEWS = List.of("ALL_VIEWS", "ALL_TAB_PARTITIONS", "ALL_INDEXES", "ALL_OBJECTS",
            "ALL_TABLES", "ALL_USERS", "ALL_CATALOG", "ALL_CONSTRAINTS", "ALL_CONS_COLUMNS", "ALL_TAB_COLS",
            "ALL_IND_COLUMNS", "ALL_LOG_GROUPS", "V_$ARCHIVED_LOG", "V_$LOG", "V_$LOGFILE", "V_$DATABASE", "V_$THREAD",
            "V_$PARAMETER", "V_$NLS_PARAMETERS", "V_$TIMEZONE_NAMES", "V_$TRANSACTION", "V_$CONTAINERS", "DBA_REGISTRY",
            "OBJ$", "ALL_ENCRYPTED_COLUMNS", "V_$LOGMNR_LOGS", "V_$LOGMNR_CONTENTS", "REGISTRY$SQLPATCH", "DBA_TABLESPACES");

    /** Every object grant, in the guide's order; DBMS_LOGMNR and rdsadmin_util are EXECUTE. */
    public static final List<ObjectGrant> OBJECTS = objects();

    private OracleDmsGrants() {
    }

    private static List<ObjectGrant> objects() {
        List<ObjectGrant> out = new java.util.ArrayList<>();
        for (String v : SYS_VIEWS) out.add(new ObjectGrant("SYS", v, "SELECT"));
        out.add(new ObjectGrant("SYS", "DBMS_LOGMNR", "EXECUTE"));
        out.add(new ObjectGrant("RDSADMIN", "RDSADMIN_UTIL", "EXECUTE"));
        return List.copyOf(out);
    }
}
