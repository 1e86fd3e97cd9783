package io.cutover.aws;

import io.cutover.dms.TwoWayTasks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.cutover.aws.RecordedDms.TASK;
import static io.cutover.aws.StubAws.JSON_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The one DescribeReplicationTasks call that asks for the settings: the switchover checks loopback prevention with it. */
class DmsTaskSettingsTest extends DmsAdapterTest {


    @Test
    void settingsAreReadWithSettingsByArn() throws Exception {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-with-settings.json");

        String settings = dms.taskSettings(TASK).orElseThrow();

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DescribeReplicationTasks", r.target());
        assertFalse(r.json().path("WithoutSettings").asBoolean(true), "settings are asked for");
        assertEquals(TASK, r.json().at("/Filters/0/Values/0").asText());
        assertEquals(Optional.of(List.of("loop_a", "loop_b")), TwoWayTasks.loopbackSchemas(settings));
        assertEquals(List.of(), io.cutover.dms.layout.TaskSettingsLayout.dms().problems(
                io.cutover.json.Json.mapper().readTree(settings), "recorded"), "the recorded settings are laid out as DMS's");
    }

    @Test
    void missingTaskHasNoSettings() {
        aws.reply(400, JSON_1_1, "dms/error-resource-not-found-task.json");
        assertEquals(Optional.empty(), dms.taskSettings(TASK));
    }
}
