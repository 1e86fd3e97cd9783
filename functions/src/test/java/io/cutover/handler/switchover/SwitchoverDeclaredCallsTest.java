package io.cutover.handler.switchover;

import io.cutover.catalog.RecordingPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** The switchover step tests again, checking each step's AWS calls against the step catalog. */
class SwitchoverDeclaredCallsTest extends SwitchoverStepsTest {
    private static final RecordingPorts RECORDED = new RecordingPorts();

    @BeforeEach
    void recordCalls() {
        ports = RECORDED.wrap(ports);
    }

    @AfterAll
    static void everyCallIsDeclared() {
        RECORDED.assertDeclared("CreateBackwardTask dms:CreateReplicationTask", "SyncSequences secretsmanager:GetSecretValue");
    }
}
