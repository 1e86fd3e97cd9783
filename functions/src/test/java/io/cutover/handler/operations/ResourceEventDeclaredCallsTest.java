package io.cutover.handler.operations;

import io.cutover.catalog.RecordingPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

/** The event handler tests again, checking the handler's AWS calls against the step catalog. */
class ResourceEventDeclaredCallsTest extends ResourceEventHandlerTest {
    @RegisterExtension
    static final RecordingPorts RECORDED = new RecordingPorts("ResourceEvent states:SendTaskSuccess");

    @BeforeEach
    void recordCalls() {
        handler = new ResourceEventHandler(RECORDED.wrap(cloud.ports(Clock.systemUTC())));
    }
}
