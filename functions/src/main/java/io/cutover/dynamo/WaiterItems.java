package io.cutover.dynamo;

import io.cutover.run.Waiter;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Waiter items of the runs table: pk {@code WAIT#<resourceId>}, sk {@code <kind>#<runId>}, so one
 * query finds every run waiting on a resource. The task token is an attribute, never a key: it
 * can be longer than a key may be.
 */
final class WaiterItems {

    static final String TOKEN = "token";
    /** Set by the one caller that completes the waiter, just before it deletes it. */
    static final String CLAIMED_BY = "claimedBy";
    static final String RUN_ID = "runId";
    static final String KIND = "kind";
    static final String RESOURCE_ID = "resourceId";
    static final String SINCE = "since";

    /** Far beyond any wait timeout: only clears tokens a crashed run left behind. */
    static final Duration TIME_TO_LIVE = Duration.ofDays(7);

    private WaiterItems() {
    }

    static AttributeValue partition(String resourceId) {
        return AttributeValue.fromS(partitionKey(resourceId));
    }

    private static String partitionKey(String resourceId) {
        return "WAIT#" + resourceId;
    }

    static Map<String, AttributeValue> key(Waiter waiter) {
        return Map.of(Tables.RUNS_PK, partition(waiter.resourceId()), Tables.RUNS_SK, AttributeValue.fromS(sortKey(waiter)));
    }

    private static String sortKey(Waiter waiter) {
        return waiter.kind().name() + "#" + waiter.runId();
    }

    static Map<String, AttributeValue> toItem(Waiter waiter) {
        return new ItemBuilder()
                .string(Tables.RUNS_PK, partitionKey(waiter.resourceId()))
                .string(Tables.RUNS_SK, sortKey(waiter))
                .string(TOKEN, waiter.taskToken())
                .string(RUN_ID, waiter.runId())
                .string(KIND, waiter.kind().name())
                .string(RESOURCE_ID, waiter.resourceId())
                .instant(SINCE, waiter.since())
                .number(Tables.RUNS_TTL, waiter.since().plus(TIME_TO_LIVE).getEpochSecond())
                .build();
    }

    static Waiter fromItem(Map<String, AttributeValue> item) {
        ItemReader r = new ItemReader("waiter item " + item.get(Tables.RUNS_PK).s() + " / " + item.get(Tables.RUNS_SK).s(), item);
        return new Waiter(
                r.string(RESOURCE_ID),
                r.parsed(KIND, Waiter.WaitKind::valueOf),
                r.string(RUN_ID),
                r.string(TOKEN),
                r.instant(SINCE));
    }
}
