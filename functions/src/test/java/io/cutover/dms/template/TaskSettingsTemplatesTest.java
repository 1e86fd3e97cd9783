package io.cutover.dms.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.dms.template.TaskSettingsTemplates.Result;
import io.cutover.dms.template.TaskSettingsTemplates.SchemaOrigin;
import io.cutover.dms.layout.TaskSettingsLayout;
import io.cutover.failure.InvalidInput;
import io.cutover.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskSettingsTemplatesTest {
    private static final String PATH = "dms.taskSettings";

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @ParameterizedTest
    @EnumSource(TaskSettingsTemplates.Template.class)
    void everyTemplateFitsDmsTaskSettingsLayout(TaskSettingsTemplates.Template template) {
        assertEquals(List.of(), TaskSettingsLayout.dms().problems(template.document(), PATH));
        Result r = TaskSettingsTemplates.build(template.templateName(), null, SchemaOrigin.DMS, PATH);
        assertEquals(List.of(), r.problems());
        assertEquals(template.document(), r.settings());
    }

    @Test
    void theOracleToAuroraTemplateIsTheSeedRunbooksSettingsKeyForKey() {
        JsonNode s = TaskSettingsTemplates.Template.ORACLE_TO_AURORA.document();
        // Figures from the by-hand runbook's appendix, one per section.
        assertEquals(500, s.path("ChangeProcessingTuning").path("BatchApplyMemoryLimit").asInt());
        assertEquals("DROP_AND_CREATE", s.path("FullLoadSettings").path("TargetTablePrepMode").asText());
        assertEquals(8, s.path("FullLoadSettings").path("MaxFullLoadSubTasks").asInt());
        assertEquals(19, s.path("Logging").path("LogComponents").size());
        assertEquals("FILE_TRANSFER", s.path("Logging").path("LogComponents").get(18).path("Id").asText());
        assertEquals(-1, s.path("ErrorBehavior").path("RecoverableErrorCount").asInt());
        assertEquals(32, s.path("TargetMetadata").path("LobMaxSize").asInt());
        assertEquals(8096, s.path("ValidationSettings").path("MaxKeyColumnSize").asInt());
        assertEquals(5, s.path("StreamBufferSettings").path("CtrlStreamBufferSizeInMB").asInt());
        assertFalse(s.path("FailTaskWhenCleanTaskResourceFailed").asBoolean(true));
        assertEquals(21, s.path("ErrorBehavior").size());
        assertEquals(15, s.path("ValidationSettings").size());
        assertEquals(16, s.path("TargetMetadata").size());
        assertFalse(s.has("BeforeImageSettings"), "the runbook's null sections are left out");
    }

    @Test
    void overridesMergeKeyByKeyNullRemovesAndArraysAreReplacedWhole() throws Exception {
        Result r = TaskSettingsTemplates.build("oracle-to-aurora", json("""
                {"TargetMetadata": {"LobMaxSize": 256},
                 "ValidationSettings": {"ThreadCount": null},
                 "Logging": {"LogComponents": [{"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_DEBUG"}]},
                 "StreamBufferSettings": null}"""), SchemaOrigin.DMS, PATH);

        assertEquals(List.of(), r.problems());
        JsonNode s = r.settings();
        assertEquals(256, s.path("TargetMetadata").path("LobMaxSize").asInt());
        assertTrue(s.path("TargetMetadata").path("LimitedSizeLobMode").asBoolean(), "the section's other keys stay");
        assertFalse(s.path("ValidationSettings").has("ThreadCount"), "null removes the key (RFC 7386)");
        assertTrue(s.path("ValidationSettings").path("EnableValidation").asBoolean());
        assertEquals(1, s.path("Logging").path("LogComponents").size(), "an array is replaced, not merged");
        assertFalse(s.has("StreamBufferSettings"));
        assertEquals(TaskSettingsTemplates.Template.ORACLE_TO_AURORA.document().path("TargetMetadata").path("LobMaxSize"),
                Json.mapper().getNodeFactory().numberNode(32), "the template itself is not changed");
    }

    @Test
    void aKeyInTheWrongSectionIsNamedWithItsPathBeforeAnyApiCall() throws Exception {
        Result r = TaskSettingsTemplates.build("postgres", json("""
                {"ChangeProcessingTuning": {"BatchApplyEnabled": true},
                 "FullLoadSettings": {"LobMaxSize": 64},
                 "ValidationSettings": {"ThreadCnt": 8},
                 "Logging": "on"}"""), SchemaOrigin.PRE_CREATED, PATH);

        // In the merged document's order: the template's sections, then those the input adds.
        assertEquals(List.of(
                "dms.taskSettings.FullLoadSettings.LobMaxSize: DMS reads LobMaxSize in TargetMetadata, not in FullLoadSettings (here it would be ignored)",
                "dms.taskSettings.Logging: must be an object (a DMS task settings section)",
                "dms.taskSettings.ValidationSettings.ThreadCnt: not a DMS task setting of ValidationSettings (DMS would ignore it)",
                "dms.taskSettings.ChangeProcessingTuning.BatchApplyEnabled: DMS reads BatchApplyEnabled in TargetMetadata, not in ChangeProcessingTuning (here it would be ignored)"),
                r.problems());
        InvalidInput e = assertThrows(InvalidInput.class, r::settingsJsonOrThrow);
        assertEquals(4, e.problems().size());
    }

    @Test
    void anUnknownTemplateAndANonObjectPatchAreRefused() throws Exception {
        assertEquals(List.of("dms.taskSettings.template: 'oracle-to-s3' is not a task settings template"
                        + " (templates: oracle-to-aurora, postgres, s3)"),
                TaskSettingsTemplates.build("oracle-to-s3", null, SchemaOrigin.DMS, PATH).problems());
        assertEquals(List.of("dms.taskSettings: must be an object (a JSON merge patch over the template's settings)"),
                TaskSettingsTemplates.build("s3", json("[1]"), SchemaOrigin.DMS, PATH).problems());
        assertEquals(List.of("dms.taskSettings.FullLoadSettings.TargetTablePrepMode: 'DROP' is not one of"
                        + " DO_NOTHING, DROP_AND_CREATE, TRUNCATE_BEFORE_LOAD"),
                TaskSettingsTemplates.build("s3", json("{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DROP\"}}"),
                        SchemaOrigin.DMS, PATH).problems());
    }

    @Test
    void aSchemaMadeBySctKeepsItsTablesTheTemplatesDropAndCreateBecomesDoNothing() {
        Result r = TaskSettingsTemplates.build("oracle-to-aurora", null, SchemaOrigin.PRE_CREATED, PATH);

        assertEquals(List.of(), r.problems());
        assertEquals("DO_NOTHING", r.settings().path("FullLoadSettings").path("TargetTablePrepMode").asText());
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).startsWith("dms.taskSettings.FullLoadSettings.TargetTablePrepMode: DO_NOTHING instead"),
                r.notes().get(0));
        assertEquals("DROP_AND_CREATE", TaskSettingsTemplates.build("oracle-to-aurora", null, SchemaOrigin.DMS, PATH)
                .settings().path("FullLoadSettings").path("TargetTablePrepMode").asText(), "DMS makes the tables: as the runbook");
    }

    @Test
    void askingToDropAndCreateOverAnSctSchemaIsRefusedTruncateIsExplained() throws Exception {
        Result drop = TaskSettingsTemplates.build("postgres",
                json("{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DROP_AND_CREATE\"}}"), SchemaOrigin.PRE_CREATED, PATH);
        assertEquals(1, drop.problems().size());
        assertTrue(drop.problems().get(0).startsWith("dms.taskSettings.FullLoadSettings.TargetTablePrepMode: DROP_AND_CREATE drops"),
                drop.problems().get(0));

        Result truncate = TaskSettingsTemplates.build("postgres",
                json("{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"TRUNCATE_BEFORE_LOAD\"}}"), SchemaOrigin.PRE_CREATED, PATH);
        assertEquals(List.of(), truncate.problems());
        assertTrue(truncate.notes().get(0).contains("empties every selected table"), truncate.notes().toString());

        Result s3 = TaskSettingsTemplates.build("s3", null, SchemaOrigin.PRE_CREATED, PATH);
        assertEquals(List.of(), s3.problems());
        assertEquals(List.of(), s3.notes(), "an S3 target has no pre-made tables to keep");
    }
}
