package io.cutover.dms.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskSettingsLayoutTest {
    private final TaskSettingsLayout layout = TaskSettingsLayout.dms();

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void theDocumentedExampleHasNoProblem() throws Exception {
        // The "Task settings example" of CHAP_Tasks.CustomizingTasks.TaskSettings (abridged, every section kept).
        JsonNode example = json("""
                {"TargetMetadata": {"TargetSchema": "", "SupportLobs": true, "FullLobMode": false, "LobChunkSize": 64,
                   "LimitedSizeLobMode": true, "LobMaxSize": 32, "BatchApplyEnabled": false, "TaskRecoveryTableEnabled": false},
                 "FullLoadSettings": {"TargetTablePrepMode": "DO_NOTHING", "CommitRate": 10000},
                 "TTSettings": {"EnableTT": true, "TTS3Settings": {"BucketName": "b"}},
                 "Logging": {"EnableLogging": false},
                 "ControlTablesSettings": {"ControlSchema": "", "HistoryTimeslotInMinutes": 5},
                 "StreamBufferSettings": {"StreamBufferCount": 3},
                 "ChangeProcessingTuning": {"BatchApplyPreserveTransaction": true, "StatementCacheSize": 50},
                 "ChangeProcessingDdlHandlingPolicy": {"HandleSourceTableDropped": true},
                 "LoopbackPreventionSettings": {"EnableLoopbackPrevention": true, "SourceSchema": "a", "TargetSchema": "b"},
                 "CharacterSetSettings": {"CharacterReplacements": []},
                 "BeforeImageSettings": {"EnableBeforeImage": false},
                 "ErrorBehavior": {"DataErrorPolicy": "LOG_ERROR", "FullLoadIgnoreConflicts": true},
                 "ValidationSettings": {"EnableValidation": false, "ValidationMode": "ROW_LEVEL"},
                 "FailTaskWhenCleanTaskResourceFailed": false,
                 "PostProcessingRules": null}
                """);
        assertEquals(List.of(), layout.problems(example, "settings"));
    }

    @Test
    void aKeyInTheWrongSectionIsNamedWithWhereDmsReadsIt() throws Exception {
        List<String> p = layout.problems(json("{\"ChangeProcessingTuning\":{\"BatchApplyEnabled\":false}}"), "s");
        assertEquals(List.of("s.ChangeProcessingTuning.BatchApplyEnabled: DMS reads BatchApplyEnabled in TargetMetadata,"
                + " not in ChangeProcessingTuning (here it would be ignored)"), p);
        assertEquals(Optional.of("TargetMetadata"), layout.sectionOf("BatchApplyEnabled"));
    }

    @Test
    void unknownSectionsKeysAndShapesAreNamed() throws Exception {
        List<String> p = layout.problems(json("""
                {"TargetMetadata": {"BatchSize": 5}, "Tuning": {}, "BatchApplyEnabled": true, "Logging": 3}"""), "s");
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("s.TargetMetadata.BatchSize: not a DMS task setting of TargetMetadata"), p.get(0));
        assertTrue(p.get(1).startsWith("s.Tuning: not a DMS task settings section"), p.get(1));
        assertEquals("s.BatchApplyEnabled: is a setting of section TargetMetadata, not a section"
                + " (write it as s.TargetMetadata.BatchApplyEnabled)", p.get(2));
        assertEquals("s.Logging: must be an object (a DMS task settings section)", p.get(3));
        assertEquals(List.of("s: must be an object of DMS task settings sections"), layout.problems(json("[]"), "s"));
    }
}
