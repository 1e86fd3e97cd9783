package io.cutover.handler.switchover;

import io.cutover.catalog.RecordingPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The switchover step tests again, checking each step's AWS calls against the step catalog. */
class SwitchoverDeclaredCallsTest extends SwitchoverStepsTest {
    @RegisterExtension
    static final RecordingPorts RECORDED = new RecordingPorts(
            "CreateBackwardTask dms:CreateReplicationTask", "SyncSequences secretsmanager:GetSecretValue");

    @BeforeEach
    void recordCalls() {
        ports = RECORDED.wrap(ports);
    }
}
