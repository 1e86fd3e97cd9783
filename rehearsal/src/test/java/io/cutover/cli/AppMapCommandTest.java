package io.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.testing.DynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./appmap against DynamoDB Local, as against the rehearsal's (--endpoint-url). */
class AppMapCommandTest {
    static DynamoDbLocal dynamo;
    static final Path SAMPLE = Path.of("..", "events", "appmap-sample.json");

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    static CommandOutput appmap(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--endpoint-url";
        all[1] = dynamo.endpoint().toString();
        all[2] = "--table";
        all[3] = "appmap-cli";
        System.arraycopy(args, 0, all, 4, args.length);
        return CommandOutput.of(new AppMapCommand(), all);
    }

    @Test
    void createLoadListShow() {
        assertEquals(0, appmap("create-table").status());
        assertEquals(0, appmap("create-table").status(), "idempotent");
        CommandOutput load = appmap("load", SAMPLE.toString());
        assertEquals(0, load.status(), load.err());
        assertTrue(load.out().contains("orders-api") && load.out().contains("created"), load.out());
        CommandOutput list = appmap("list");
        assertTrue(list.out().contains("billing-worker") && list.out().contains("SITEA    OPEN"), list.out());
        assertTrue(list.out().contains("SITEB=postgres://orders-b.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/orders"), list.out());
        CommandOutput show = appmap("show", "orders-api");
        assertEquals(0, show.status());
        assertTrue(show.out().contains("\"activeSite\" : \"SITEA\""), show.out());
        CommandOutput missing = appmap("show", "nobody");
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no application nobody"), missing.err());
    }

    @Test
    void aBadFileIsRefusedWithEveryProblemNamedAndNothingLoaded(@TempDir Path dir) throws Exception {
        appmap("create-table");
        ObjectNode bad = (ObjectNode) Json.mapper().readTree(SAMPLE.toFile());
        ((ObjectNode) bad.at("/applications/0/sites/SITEA")).put("engine", "mysql");
        ((ObjectNode) bad.at("/applications/1/sites/SITEB")).remove("port");
        ((ObjectNode) bad.at("/applications/1")).put("activeSite", "SITEC");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, bad.toString());
        CommandOutput r = appmap("load", file.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("applications[0].sites.SITEA.engine: unknown engine 'mysql'"), r.err());
        assertTrue(r.err().contains("applications[1].sites.SITEB.port: missing"), r.err());
        assertTrue(r.err().contains("applications[1].activeSite: no such site 'SITEC'"), r.err());
        assertTrue(r.err().contains("nothing was loaded"), r.err());
    }

    @Test
    void badArgumentsPrintUsage() {
        CommandOutput r = appmap("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Usage: appmap"), r.err());
    }
}
