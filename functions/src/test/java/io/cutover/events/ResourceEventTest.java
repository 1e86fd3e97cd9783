package io.cutover.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceEventTest {

    @Test
    void rdsEventNamesTheInstance() {
        ResourceEvent e = ResourceEvent.parse(SampleEvents.load("rds-promotion-available.json")).orElseThrow();
        assertEquals(Set.of("orders-prod-replica"), e.resourceIds());
        assertEquals("RDS-EVENT-0002", e.eventId());
    }

    @Test
    void dmsEventNamesTheTaskArn() {
        ResourceEvent e = ResourceEvent.parse(SampleEvents.load("dms-task-running.json")).orElseThrow();
        assertEquals(Set.of("arn:aws:dms:eu-west-1:123456789012:task:CUTOVERORDERSCDC7F3A9B2C"), e.resourceIds());
        assertEquals("DMS-EVENT-0069", e.eventId(), "eventName is used when eventId is absent");
    }

    @Test
    void dmsEventIdPreferredWhenPresent() {
        ResourceEvent e = ResourceEvent.parse(SampleEvents.load("dms-task-failed.json")).orElseThrow();
        assertEquals("DMS-EVENT-0078", e.eventId());
    }

    @Test
    void unrelatedOrMalformedEventsAreNotRead() throws Exception {
        assertTrue(ResourceEvent.parse(null).isEmpty());
        assertTrue(ResourceEvent.parse(Json.mapper().readTree("[1,2]")).isEmpty());
        assertTrue(ResourceEvent.parse(Json.mapper().readTree("{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Instance State-change Notification\"}")).isEmpty());
        ObjectNode noIds = SampleEvents.load("rds-replica-rebooted.json");
        noIds.remove("resources");
        ((ObjectNode) noIds.get("detail")).remove("SourceIdentifier");
        ((ObjectNode) noIds.get("detail")).remove("SourceArn");
        assertTrue(ResourceEvent.parse(noIds).isEmpty());
        ObjectNode clusterEvent = SampleEvents.load("rds-replica-rebooted.json");
        clusterEvent.put("detail-type", "RDS DB Cluster Event");
        assertTrue(ResourceEvent.parse(clusterEvent).isEmpty());
    }
}
