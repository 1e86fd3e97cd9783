package io.cutover.appmap.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The appmap entries built from a load file. Bad files, item by item: the appmap rows of
 * io.cutover.input.InputSchemaAgreementTest and InputRulesTest.
 */
class AppMapFileParserTest {

    @Test
    void sampleFileGivesOpenEntriesWithTheirSites() {
        List<Application> apps = AppMapFileParser.parse(SampleEvents.load("appmap-sample.json"));
        assertEquals(List.of("orders-api", "billing-worker"), apps.stream().map(Application::name).toList());
        Application orders = apps.get(0);
        assertEquals("SITEA", orders.activeSite());
        assertEquals(AppStatus.OPEN, orders.status());
        assertEquals(0, orders.version());
        assertEquals(Engine.POSTGRES, orders.sites().get("SITEB").engine());
        assertEquals("orders-b.abcdefghijkl.eu-west-1.rds.amazonaws.com", orders.sites().get("SITEB").host());
        assertEquals(5432, orders.sites().get("SITEB").port());
        assertEquals("arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-api/siteb-Ef34Gh",
                orders.sites().get("SITEB").secretArn());
    }

    @Test
    void everyBadItemIsNamedAtOnceInPathOrder() {
        ObjectNode file = SampleEvents.load("appmap-sample.json");
        ((ObjectNode) file.at("/applications/1/sites/SITEB")).remove("port");
        ((ObjectNode) file.at("/applications/0/sites/SITEA")).put("engine", "db2");
        ((ObjectNode) file.at("/applications/1")).put("activeSite", "SITEZ");
        InvalidInput e = assertThrows(InvalidInput.class, () -> AppMapFileParser.parse(file));
        assertEquals(List.of(
                "applications[0].sites.SITEA.engine: unknown engine 'db2' (expected postgres or oracle)",
                "applications[1].activeSite: no such site 'SITEZ' (the sites of 'billing-worker' are SITEA, SITEB)",
                "applications[1].sites.SITEB.port: missing"), e.problems());
    }

    @Test
    void aFileThatIsNoObjectIsRefused() {
        assertEquals(List.of("appmap file: must be a JSON object"),
                assertThrows(InvalidInput.class, () -> AppMapFileParser.parse(null)).problems());
    }
}
