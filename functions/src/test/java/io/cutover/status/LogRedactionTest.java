package io.cutover.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogRedactionTest {

    @Test
    void connectionStringPasswords() {
        assertEquals("STATEMENT:  CREATE SUBSCRIPTION s CONNECTION 'host=h port=5432 user=u password=***' PUBLICATION p",
                LogRedaction.redact("STATEMENT:  CREATE SUBSCRIPTION s CONNECTION 'host=h port=5432 user=u password=S3cr3t' PUBLICATION p"));
        assertEquals("conninfo password = ***", LogRedaction.redact("conninfo password = 'it''s secret'"));
    }

    @Test
    void rolePasswordsAndOracleIdentifiedBy() {
        assertEquals("STATEMENT:  CREATE ROLE app LOGIN PASSWORD ***",
                LogRedaction.redact("STATEMENT:  CREATE ROLE app LOGIN PASSWORD 'abc123'"));
        assertEquals("ALTER USER app IDENTIFIED BY *** ACCOUNT UNLOCK",
                LogRedaction.redact("ALTER USER app IDENTIFIED BY \"Pw 1\" ACCOUNT UNLOCK"));
    }

    @Test
    void ordinaryMessagesStayAsTheyAre() {
        String line = "FATAL:  password authentication failed for user \"cutover_admin\"";
        assertEquals(line, LogRedaction.redact(line));
    }
}
