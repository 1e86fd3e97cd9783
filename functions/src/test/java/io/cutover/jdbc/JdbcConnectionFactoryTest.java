package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcConnectionFactoryTest {

    @Test
    void urlsByEngine() {
        assertEquals("jdbc:postgresql://db.example.com:5432/app",
                JdbcConnectionFactory.url(new DbConnection(Engine.POSTGRES, "db.example.com", 5432, "app", "arn:x")));
        assertEquals("jdbc:oracle:thin:@//ora.example.com:1521/ORCL",
                JdbcConnectionFactory.url(new DbConnection(Engine.ORACLE, "ora.example.com", 1521, "ORCL", "arn:x")));
    }

    @Test
    void sslModeComesFromTheEnvironment() {
        assertEquals("prefer", JdbcSettings.from(Map.of()).postgresSslMode());
        assertEquals("verify-full", JdbcSettings.from(Map.of(JdbcSettings.SSLMODE_VARIABLE, "verify-full")).postgresSslMode());
    }

    @Test
    void credentialsAreFetchedByArnAndNeverShown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> asked = new ArrayList<>();
        JdbcConnectionFactory factory = new JdbcConnectionFactory(new Secrets() {
            @Override
            public DbCredentials credentials(String arn) {
                asked.add(arn);
                return new DbCredentials("dba", "pa55-word");
            }

            @Override
            public java.util.Set<String> keyNames(String arn) {
                return java.util.Set.of("username", "password");
            }
        }, JdbcSettings.defaults());
        DbConnection nowhere = new DbConnection(Engine.POSTGRES, "127.0.0.1", closedPort, "app", "arn:aws:secretsmanager:x:1:secret:db");

        ProbeException e = assertThrows(ProbeException.class, () -> new PostgresProbe(factory).currentPosition(nowhere));

        assertEquals(List.of("arn:aws:secretsmanager:x:1:secret:db"), asked);
        assertTrue(e.getMessage().startsWith("current WAL position failed on postgres 127.0.0.1:" + closedPort + "/app"));
        assertFalse(e.getMessage().contains("pa55-word"));
    }

    @Test
    void probesPickedByEngine() {
        Secrets secrets = new io.cutover.testing.FakeSecrets();
        JdbcSourceProbes probes = new JdbcSourceProbes(secrets);
        assertInstanceOf(PostgresProbe.class, probes.forEngine(Engine.POSTGRES));
        assertInstanceOf(OracleProbe.class, probes.forEngine(Engine.ORACLE));
    }
}
