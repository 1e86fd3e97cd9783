package io.cutover.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.SwitchoverInput;
import io.cutover.input.SwitchoverInputParser;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoWayTasksTest {

    private static SwitchoverInput input(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode raw = SampleEvents.load("start-switchover.json");
        change.accept(raw);
        return SwitchoverInputParser.parse(raw);
    }

    @Test
    void backwardSettingsMirrorTheForwardTasksLoopbackSchemas() throws Exception {
        String forward = "{\"LoopbackPreventionSettings\":{\"EnableLoopbackPrevention\":true,"
                + "\"SourceSchema\":\"loop_a\",\"TargetSchema\":\"loop_b\"}}";
        JsonNode s = Json.mapper().readTree(TwoWayTasks.backwardSettings(input(r -> { }), Optional.of(forward)));
        assertTrue(s.at("/LoopbackPreventionSettings/EnableLoopbackPrevention").asBoolean());
        assertEquals("loop_b", s.at("/LoopbackPreventionSettings/SourceSchema").asText());
        assertEquals("loop_a", s.at("/LoopbackPreventionSettings/TargetSchema").asText());
        assertFalse(s.at("/TargetMetadata/BatchApplyEnabled").asBoolean(true));
    }

    @Test
    void withoutReadableForwardSettingsTheSitesSchemasAreMirrored() throws Exception {
        SwitchoverInput in = input(r -> ((ObjectNode) r.at("/sites/SITEB")).put("schema", "orders_b"));
        JsonNode s = Json.mapper().readTree(TwoWayTasks.backwardSettings(in, Optional.empty()));
        assertEquals("orders_b", s.at("/LoopbackPreventionSettings/SourceSchema").asText(), "backward reads SITEB");
        assertEquals("public", s.at("/LoopbackPreventionSettings/TargetSchema").asText());
        assertEquals(List.of(), TwoWayTasks.twoWayProblems("b", s.toString()));
    }

    @Test
    void extraSettingsMergeButCannotTurnBatchApplyOn() throws Exception {
        JsonNode extra = Json.mapper().readTree(
                "{\"Logging\":{\"LogComponents\":[]},\"ChangeProcessingTuning\":{\"MemoryLimitTotal\":2048}}");
        SwitchoverInput in = input(r -> ((ObjectNode) r.get("dms")).set("taskSettings", extra));
        JsonNode s = Json.mapper().readTree(TwoWayTasks.backwardSettings(in, Optional.empty()));
        assertTrue(s.at("/Logging/EnableLogging").asBoolean(), "defaults kept");
        assertTrue(s.at("/Logging/LogComponents").isArray(), "input merged");
        assertEquals(2048, s.at("/ChangeProcessingTuning/MemoryLimitTotal").asInt());
        assertFalse(s.at("/TargetMetadata/BatchApplyEnabled").asBoolean(true));
        assertTrue(s.at("/TargetMetadata/SupportLobs").asBoolean(), "defaults of the section kept");
    }

    /** DMS reads BatchApplyEnabled in TargetMetadata (task settings docs): that is the one loopback prevention needs off. */
    @Test
    void batchApplyIsReadAndWrittenInTargetMetadata() throws Exception {
        String loopback = "\"LoopbackPreventionSettings\":{\"EnableLoopbackPrevention\":true,"
                + "\"SourceSchema\":\"loop_a\",\"TargetSchema\":\"loop_b\"}";
        List<String> on = TwoWayTasks.twoWayProblems("orders-a-to-b",
                "{\"TargetMetadata\":{\"BatchApplyEnabled\":true}," + loopback + "}");
        assertEquals(1, on.size(), on.toString());
        assertTrue(on.get(0).contains("TargetMetadata.BatchApplyEnabled=true"), on.get(0));
        assertEquals(List.of(), TwoWayTasks.twoWayProblems("orders-a-to-b",
                "{\"TargetMetadata\":{\"BatchApplyEnabled\":false}," + loopback + "}"));

        JsonNode s = Json.mapper().readTree(TwoWayTasks.backwardSettings(input(r -> { }), Optional.empty()));
        assertFalse(s.at("/TargetMetadata/BatchApplyEnabled").asBoolean(true));
        assertTrue(s.at("/ChangeProcessingTuning/BatchApplyEnabled").isMissingNode(), "nothing DMS would ignore: " + s);
        assertEquals(List.of(), io.cutover.dms.layout.TaskSettingsLayout.dms().problems(s, "settings"));
    }

    @Test
    void tasksWithoutLoopbackPreventionOrWithBatchApplyAreNamed() {
        List<String> problems = TwoWayTasks.twoWayProblems("orders-a-to-b",
                "{\"TargetMetadata\":{\"BatchApplyEnabled\":true}}");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("orders-a-to-b has no LoopbackPreventionSettings"));
        assertTrue(problems.get(1).contains("BatchApplyEnabled=true"));
    }

    @Test
    void defaultMappingsTakeTheToSitesSchemaAndRenameItWhenTheSchemasDiffer() throws Exception {
        JsonNode same = Json.mapper().readTree(TwoWayTasks.backwardMappings(input(r -> { })));
        assertEquals(1, same.get("rules").size());
        assertEquals("public", same.at("/rules/0/object-locator/schema-name").asText());

        JsonNode renamed = Json.mapper().readTree(TwoWayTasks.backwardMappings(
                input(r -> ((ObjectNode) r.at("/sites/SITEB")).put("schema", "orders_b"))));
        assertEquals("orders_b", renamed.at("/rules/0/object-locator/schema-name").asText());
        assertEquals("rename", renamed.at("/rules/1/rule-action").asText());
        assertEquals("public", renamed.at("/rules/1/value").asText());
    }
}
