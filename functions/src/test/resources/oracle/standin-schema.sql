-- Stand-in, not Oracle: the dynamic performance views (and FLASHBACK_TRANSACTION_QUERY) the Oracle
-- probe reads, as tables with the columns and types Oracle documents (Database Reference,
-- 19c/23ai), for H2 in MODE=Oracle. Of the columns whose names hold '#' only RESETLOGS_CHANGE# is
-- kept (quoted: the probe reads it quoted, which Oracle takes as the plain name).

CREATE TABLE V$DATABASE (
    DBID                       NUMBER,
    NAME                       VARCHAR2(9),
    CREATED                    DATE,
    LOG_MODE                   VARCHAR2(12),
    CURRENT_SCN                NUMBER,
    OPEN_MODE                  VARCHAR2(20),
    DATABASE_ROLE              VARCHAR2(16),
    FORCE_LOGGING              VARCHAR2(39),
    SUPPLEMENTAL_LOG_DATA_MIN  VARCHAR2(8),
    SUPPLEMENTAL_LOG_DATA_PK   VARCHAR2(3),
    SUPPLEMENTAL_LOG_DATA_UI   VARCHAR2(3),
    SUPPLEMENTAL_LOG_DATA_FK   VARCHAR2(3),
    SUPPLEMENTAL_LOG_DATA_ALL  VARCHAR2(3),
    STANDBY_BECAME_PRIMARY_SCN NUMBER,
    "RESETLOGS_CHANGE#"        NUMBER,
    RESETLOGS_TIME             DATE,
    DB_UNIQUE_NAME             VARCHAR2(30),
    CON_ID                     NUMBER
);

CREATE TABLE V$TRANSACTION (
    ADDR       RAW(8),
    XIDUSN     NUMBER,
    XIDSLOT    NUMBER,
    XIDSQN     NUMBER,
    STATUS     VARCHAR2(16),
    START_TIME VARCHAR2(20),
    START_SCNB NUMBER,
    START_SCNW NUMBER,
    START_SCN  NUMBER,
    SES_ADDR   RAW(8),
    USED_UBLK  NUMBER,
    USED_UREC  NUMBER,
    CON_ID     NUMBER
);

CREATE TABLE V$DATAGUARD_STATS (
    SOURCE_DBID           NUMBER,
    SOURCE_DB_UNIQUE_NAME VARCHAR2(30),
    NAME                  VARCHAR2(32),
    VALUE                 VARCHAR2(64),
    UNIT                  VARCHAR2(30),
    TIME_COMPUTED         VARCHAR2(30),
    DATUM_TIME            VARCHAR2(30),
    CON_ID                NUMBER
);

CREATE TABLE V$SESSION (
    SADDR    RAW(8),
    SID      NUMBER,
    USERNAME VARCHAR2(128),
    STATUS   VARCHAR2(8),
    PROGRAM  VARCHAR2(84),
    TYPE     VARCHAR2(10),
    MODULE   VARCHAR2(64),
    CON_ID   NUMBER
);

-- One row per undo change of a transaction (so a transaction can appear many times).
CREATE TABLE FLASHBACK_TRANSACTION_QUERY (
    XID              RAW(8),
    START_SCN        NUMBER,
    START_TIMESTAMP  DATE,
    COMMIT_SCN       NUMBER,
    COMMIT_TIMESTAMP DATE,
    LOGON_USER       VARCHAR2(128),
    OPERATION        VARCHAR2(32),
    TABLE_NAME       VARCHAR2(256),
    TABLE_OWNER      VARCHAR2(128)
);
