package io.cutover.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.StartInputParser;
import io.cutover.json.Json;
import io.cutover.dms.layout.TaskSettingsLayout;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdcTaskSetupTest {

    private static RunState state(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode raw = SampleEvents.load("start-postgres.json");
        change.accept(raw);
        return RunState.started("run-1", StartInputParser.parse(raw));
    }

    /** DMS reads BatchApplyEnabled in TargetMetadata; one under ChangeProcessingTuning is silently ignored. */
    @Test
    void defaultSettingsPutEveryKeyInTheSectionDmsReadsItFrom() throws Exception {
        JsonNode s = Json.mapper().readTree(io.cutover.dms.TaskSettings.of(state(r -> { }).input().dms()));
        assertFalse(s.at("/TargetMetadata/BatchApplyEnabled").asBoolean(true), s.toString());
        assertTrue(s.at("/ChangeProcessingTuning/BatchApplyEnabled").isMissingNode(), s.toString());
        assertTrue(s.at("/TargetMetadata/LimitedSizeLobMode").asBoolean(), "SupportLobs needs a LOB mode: " + s);
        assertEquals(List.of(), TaskSettingsLayout.dms().problems(s, "settings"));
    }

    @Test
    void theInputsSettingsOverrideKeyByKey() throws Exception {
        JsonNode extra = Json.mapper().readTree("{\"TargetMetadata\":{\"BatchApplyEnabled\":true},"
                + "\"ChangeProcessingTuning\":{\"BatchApplyTimeoutMax\":60}}");
        JsonNode s = Json.mapper().readTree(io.cutover.dms.TaskSettings.of(
                state(r -> ((ObjectNode) r.get("dms")).set("taskSettings", extra)).input().dms()));
        assertTrue(s.at("/TargetMetadata/BatchApplyEnabled").asBoolean());
        assertTrue(s.at("/TargetMetadata/SupportLobs").asBoolean(), "other defaults of the section stay");
        assertEquals(60, s.at("/ChangeProcessingTuning/BatchApplyTimeoutMax").asInt());
        assertEquals(List.of(), TaskSettingsLayout.dms().problems(s, "settings"));
    }
}
