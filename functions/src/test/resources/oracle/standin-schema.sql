-- Stand-in, not Oracle: the three dynamic performance views the Oracle probe reads, as tables
-- with the columns and types Oracle documents (Database Reference, 19c/23ai), for H2 in
-- MODE=Oracle. Columns whose names hold '#' are left out; the probe reads none of them.

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
