package io.cutover.handler.operations;

import io.cutover.catalog.RecordingPorts;
import io.cutover.runbook.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;

/** The event handler tests again, checking the handler's AWS calls against the step catalog. */
class ResourceEventDeclaredCallsTest extends ResourceEventHandlerTest {
    private static final RecordingPorts RECORDED = new RecordingPorts();

    @BeforeEach
    void recordCalls() {
        handler = new ResourceEventHandler(RECORDED.wrap(cloud.ports(Clock.systemUTC())));
    }

    @AfterAll
    static void everyCallIsDeclared() {
        RECORDED.assertDeclared("ResourceEvent states:SendTaskSuccess");
    }
}
