package io.cutover.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load bar, and the DMS tasks section of the status drawing it while a task loads (what --watch redraws). */
class LoadBarTest {

    @Test
    void oneCellPerFivePercentClampedToTheEnds() {
        assertEquals("[--------------------]   0%", LoadBar.of(0));
        assertEquals("[#-------------------]   7%", LoadBar.of(7));
        assertEquals("[##########----------]  50%", LoadBar.of(50));
        assertEquals("[###################-]  99%", LoadBar.of(99));
        assertEquals("[####################] 100%", LoadBar.of(100));
        assertEquals("[####################] 100%", LoadBar.of(140));
        assertEquals("[--------------------]   0%", LoadBar.of(-3));
    }

    @Test
    void theStatusDrawsTheBarOfALoadingTaskAndItsTablesRowsStateAndValidation() {
        ObjectNode report = Json.mapper().createObjectNode();
        ObjectNode sections = report.putObject("sections");
        ObjectNode task = sections.putObject(StatusCollector.DMS_TASKS).put("title", "DMS tasks").putArray("content").addObject()
                .put("identifier", "orders-migrate").put("status", "running").put("migrationType", "full-load-and-cdc");
        task.putObject("progress").put("fullLoadProgressPercent", 45).put("tablesLoaded", 2).put("tablesLoading", 1)
                .put("tablesQueued", 3).put("tablesErrored", 0);
        sections.putObject(StatusCollector.DMS_TABLES).put("title", "DMS table statistics").putArray("content").addObject()
                .put("task", "orders-migrate").put("schema", "public").put("table", "events").put("state", "Full load")
                .put("rows", 120000).put("validationState", "Pending records");

        String text = ReportText.render(report);

        assertTrue(text.contains("    full load [#########-----------]  45%   tables loaded 2, loading 1, queued 3, errored 0"),
                text);
        assertTrue(text.matches("(?s).*public\\.events\\s+Full load\\s+120000.*Pending records.*"), text);
    }

    @Test
    void aTaskWithoutAPercentSaysSoInsteadOfDrawingABar() {
        ObjectNode report = Json.mapper().createObjectNode();
        report.putObject("sections").putObject(StatusCollector.DMS_TASKS).putArray("content").addObject()
                .put("identifier", "t").putObject("progress").put("tablesLoaded", 0);

        String text = ReportText.render(report);

        assertTrue(text.contains("    full load -%   tables loaded 0"), text);
        assertTrue(!text.contains("[--"), text);
    }
}
