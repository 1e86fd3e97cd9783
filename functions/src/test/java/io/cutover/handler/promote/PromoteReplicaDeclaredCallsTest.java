package io.cutover.handler.promote;

import io.cutover.catalog.RecordingPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The promote-replica step tests again, through ports that record each step's AWS calls: a step
 * making a call its step-catalog entry does not declare fails here (and so would fail in AWS).
 */
class PromoteReplicaDeclaredCallsTest extends PromoteReplicaStepsTest {
    @RegisterExtension
    static final RecordingPorts RECORDED = new RecordingPorts(
            "CreateTargetEndpoint dms:CreateEndpoint", "PromoteReplica rds:PromoteReadReplica");

    @BeforeEach
    void recordCalls() {
        ports = RECORDED.wrap(ports);
    }
}
