package io.cutover.cli;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.Tables;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.testing.DynamoDbLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./heartbeat against a DynamoDB Local appmap and real PostgreSQL, with a secrets file as the rehearsal writes it. */
class HeartbeatCommandTest {

    @Test
    void initRunAndShowOnBothSites(@TempDir Path dir) throws Exception {
        String secretA = "arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf";
        String secretB = "arn:aws:secretsmanager:us-east-1:123456789012:secret:b-AbCdEf";
        try (DynamoDbLocal dynamo = DynamoDbLocal.start();
             PostgresCluster a = PostgresCluster.builder().withoutReplica().start();
             PostgresCluster b = PostgresCluster.builder().withoutReplica().start()) {
            Tables.createAppMapTable(dynamo.client(), "appmap-hb");
            new DynamoAppMap(dynamo.client(), "appmap-hb").put(new Application("hb-app", Map.of(
                    "SITEA", site("SITEA", a.primary(), secretA), "SITEB", site("SITEB", b.primary(), secretB)),
                    "SITEB", AppStatus.OPEN, null, 0));
            Path secrets = dir.resolve("secrets.json");
            Files.writeString(secrets, Json.mapper().writeValueAsString(Map.of(
                    secretA, Map.of("username", a.credentials().username(), "password", a.credentials().password()),
                    secretB, Map.of("username", b.credentials().username(), "password", b.credentials().password()))));
            String[] common = {"--endpoint-url", dynamo.endpoint().toString(), "--table", "appmap-hb", "--secrets-file",
                    secrets.toString()};

            assertEquals(0, run(common, "init", "hb-app").status());
            CommandOutput r = run(common, "run", "hb-app", "--interval-ms", "10", "--count", "5");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("5 heartbeat(s) committed, 0 failed write(s)"), r.out());
            assertTrue(r.out().contains("wrote id 1000000001"), "SITEB's range: " + r.out());
            assertTrue(r.out().contains("last 5 rows on SITEB (active):"), r.out());
            CommandOutput show = run(common, "show", "hb-app", "--rows", "2");
            assertTrue(show.out().contains("on SITEB  by hb-app"), show.out());
        }
    }

    private static Site site(String name, PgServer s, String secret) {
        return new Site(name, Engine.POSTGRES, s.host(), s.port(), s.database(), secret);
    }

    private static CommandOutput run(String[] common, String... args) {
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return CommandOutput.of(new HeartbeatCommand(), all);
    }
}
