package io.cutover.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An RDS or DMS EventBridge event reduced to the resources it names. Its content is never
 * trusted to decide anything (events are best effort, may be late, duplicated or out of
 * order): it only says which waiters to re-check.
 *
 * @param resourceIds DB instance identifiers (RDS) or replication task ARNs (DMS)
 */
public record ResourceEvent(String source, String detailType, Set<String> resourceIds, String eventId) {

    /** @return empty for events this product does not react to or cannot read */
    public static Optional<ResourceEvent> parse(JsonNode event) {
        if (event == null || !event.isObject()) return Optional.empty();
        String source = event.path("source").asText("");
        String detailType = event.path("detail-type").asText("");
        JsonNode detail = event.path("detail");
        Set<String> ids = new LinkedHashSet<>();
        switch (source) {
            case "aws.rds" -> {
                if (!"RDS DB Instance Event".equals(detailType)) return Optional.empty();
                text(detail, "SourceIdentifier").ifPresent(ids::add);
                text(detail, "SourceArn").map(ResourceEvent::afterDb).ifPresent(ids::add);
                for (JsonNode r : event.path("resources")) {
                    if (r.isTextual() && r.textValue().contains(":db:")) ids.add(afterDb(r.textValue()));
                }
                return ids.isEmpty() ? Optional.empty()
                        : Optional.of(new ResourceEvent(source, detailType, ids, text(detail, "EventID").orElse(null)));
            }
            case "aws.dms" -> {
                if (!"DMS Replication Task State Change".equals(detailType)) return Optional.empty();
                for (JsonNode r : event.path("resources")) {
                    if (r.isTextual() && r.textValue().contains(":task:")) ids.add(r.textValue());
                }
                text(detail, "resourceLink").filter(l -> l.contains(":task:")).ifPresent(ids::add);
                // Real events carry eventId or eventName: accept both (FACTS: unconfirmed which).
                String id = text(detail, "eventId").or(() -> text(detail, "eventName")).orElse(null);
                return ids.isEmpty() ? Optional.empty() : Optional.of(new ResourceEvent(source, detailType, ids, id));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.textValue().isBlank() ? Optional.of(v.textValue()) : Optional.empty();
    }

    private static String afterDb(String arn) {
        int i = arn.lastIndexOf(":db:");
        return i < 0 ? arn : arn.substring(i + 4);
    }
}
