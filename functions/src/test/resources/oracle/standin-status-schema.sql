-- Stand-in, not Oracle: what the status reads besides standin-schema.sql, for H2 in MODE=Oracle.
-- V$ARCHIVED_LOG with the columns Oracle documents (Database Reference 19c); names holding '#'
-- are quoted, as the status probe quotes them. ALERTLOG stands for RDS's rdsadmin view of the
-- alert log (a table here; on RDS a view over the alert log's XML), with the two columns read.

CREATE TABLE V$ARCHIVED_LOG (
    RECID             NUMBER,
    STAMP             NUMBER,
    NAME              VARCHAR2(513),
    DEST_ID           NUMBER,
    "THREAD#"         NUMBER,
    "SEQUENCE#"       NUMBER,
    "RESETLOGS_CHANGE#" NUMBER,
    RESETLOGS_TIME    DATE,
    "FIRST_CHANGE#"   NUMBER,
    FIRST_TIME        DATE,
    "NEXT_CHANGE#"    NUMBER,
    NEXT_TIME         DATE,
    BLOCKS            NUMBER,
    BLOCK_SIZE        NUMBER,
    CREATOR           VARCHAR2(7),
    REGISTRAR         VARCHAR2(7),
    STANDBY_DEST      VARCHAR2(3),
    ARCHIVED          VARCHAR2(3),
    APPLIED           VARCHAR2(9),
    DELETED           VARCHAR2(3),
    STATUS            VARCHAR2(1),
    COMPLETION_TIME   DATE,
    CON_ID            NUMBER
);

CREATE TABLE ALERTLOG (
    ORIGINATING_TIMESTAMP TIMESTAMP(9) WITH TIME ZONE,
    COMPONENT_ID          VARCHAR2(64),
    MESSAGE_TYPE          NUMBER,
    MESSAGE_LEVEL         NUMBER,
    MESSAGE_TEXT          VARCHAR2(2048)
);
