package io.cutover.dynamo;

import io.cutover.run.LockHeldException;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;
import io.cutover.run.StepEvent;
import io.cutover.run.Waiter;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The runs table in DynamoDB: run items, one lock item per source, waiting task tokens. Every
 * guarantee the port promises (one lock holder, one token completer) is a conditional write,
 * so it holds across concurrent Lambdas. Reads are strongly consistent: a step often reads what
 * the previous step wrote a moment ago.
 */
public record DynamoRunStore(DynamoDbClient client, String table, Clock clock) implements RunStore {

    private static final String LOCK_RUN_ID = "runId";
    private static final String LOCK_ACQUIRED_AT = "acquiredAt";

    public DynamoRunStore(DynamoDbClient client, String table) {
        this(client, table, Clock.systemUTC());
    }

    @Override
    public void createRun(RunRecord run) {
        Instant now = clock.instant();
        RunRecord stamped = run.createdAt() != null ? run : new RunRecord(run.runId(), run.runbook(), run.sourceId(),
                run.replicaId(), run.engine(), run.status(), run.currentStep(), run.position(), run.resources(),
                run.history(), run.cause(), now, run.updatedAt() != null ? run.updatedAt() : now);
        try {
            client.putItem(r -> r.tableName(table).item(RunItems.toItem(stamped))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Tables.RUNS_PK)));
        } catch (ConditionalCheckFailedException alreadyCreated) {
            // A retried first step: the run that exists is the one to keep.
        }
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        var response = client.getItem(r -> r.tableName(table).key(RunItems.key(runId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RunItems.fromItem(runId, response.item()))
                : Optional.empty();
    }

    @Override
    public void recordSteps(String runId, List<StepEvent> events) {
        if (events.isEmpty()) throw new IllegalArgumentException("no step events to record for run " + runId);
        Instant now = clock.instant();
        List<AttributeValue> stamped = events.stream()
                .map(e -> RunItems.toAttribute(new StepEvent(e.step(), e.outcome(), e.at() != null ? e.at() : now, e.detail())))
                .toList();
        StepEvent last = events.getLast();
        Instant at = last.at() != null ? last.at() : now;
        updateRun(runId, "SET #history = list_append(if_not_exists(#history, :empty), :events), "
                        + "#currentStep = :step, #updatedAt = :at",
                Map.of("#history", RunItems.HISTORY, "#currentStep", RunItems.CURRENT_STEP,
                        "#updatedAt", RunItems.UPDATED_AT),
                Map.of(":empty", AttributeValue.fromL(List.of()),
                        ":events", AttributeValue.fromL(stamped),
                        ":step", AttributeValue.fromS(last.step()),
                        ":at", AttributeValue.fromS(at.toString())));
    }

    @Override
    public void recordResources(String runId, Map<String, String> resources) {
        if (resources.isEmpty()) throw new IllegalArgumentException("no resources to record for run " + runId);
        // The resources map exists from createRun: a nested SET needs its parent map. Roles and
        // values go in as placeholders (#r0, :v0, ...): a role is never part of the expression text.
        StringBuilder update = new StringBuilder("SET #updatedAt = :now");
        Map<String, String> names = new HashMap<>(Map.of("#resources", RunItems.RESOURCES, "#updatedAt", RunItems.UPDATED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", now()));
        int i = 0;
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            if (resource.getValue() == null) {
                throw new IllegalArgumentException("resource " + resource.getKey() + " of run " + runId + " has no value");
            }
            update.append(", #resources.#r").append(i).append(" = :v").append(i);
            names.put("#r" + i, resource.getKey());
            values.put(":v" + i, AttributeValue.fromS(resource.getValue()));
            i++;
        }
        updateRun(runId, update.toString(), names, values);
    }

    @Override
    public void recordPosition(String runId, String position) {
        updateRun(runId, "SET #position = :position, #updatedAt = :now",
                Map.of("#position", RunItems.POSITION, "#updatedAt", RunItems.UPDATED_AT),
                Map.of(":position", AttributeValue.fromS(position), ":now", now()));
    }

    @Override
    public void finish(String runId, RunStatus status, String cause) {
        Map<String, String> names = Map.of("#status", RunItems.STATUS, "#cause", RunItems.CAUSE,
                "#updatedAt", RunItems.UPDATED_AT);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", AttributeValue.fromS(status.name()), ":now", now()));
        if (cause == null) {
            updateRun(runId, "SET #status = :status, #updatedAt = :now REMOVE #cause", names, values);
        } else {
            values.put(":cause", AttributeValue.fromS(cause));
            updateRun(runId, "SET #status = :status, #cause = :cause, #updatedAt = :now", names, values);
        }
    }

    @Override
    public void acquireLock(String sourceId, String runId) {
        Map<String, AttributeValue> item = Map.of(
                Tables.RUNS_PK, AttributeValue.fromS("LOCK#" + sourceId),
                Tables.RUNS_SK, AttributeValue.fromS("LOCK"),
                LOCK_RUN_ID, AttributeValue.fromS(runId),
                LOCK_ACQUIRED_AT, now());
        // Two attempts: if the holder releases between our failed write and our read, try again.
        for (int attempt = 1; ; attempt++) {
            try {
                client.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR #runId = :runId")
                        .expressionAttributeNames(Map.of("#pk", Tables.RUNS_PK, "#runId", LOCK_RUN_ID))
                        .expressionAttributeValues(Map.of(":runId", AttributeValue.fromS(runId)))
                        // The holder comes back with the refusal: no second read, no race.
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return;
            } catch (ConditionalCheckFailedException refused) {
                Optional<String> holder = refused.hasItem() && refused.item().containsKey(LOCK_RUN_ID)
                        ? Optional.of(refused.item().get(LOCK_RUN_ID).s())
                        : lockHolder(sourceId);
                if (holder.isPresent()) throw new LockHeldException(sourceId, holder.get());
                if (attempt == 2) throw new IllegalStateException("lock on source " + sourceId + " flickers; try again");
            }
        }
    }

    @Override
    public boolean releaseLock(String sourceId, String runId) {
        try {
            client.deleteItem(r -> r.tableName(table).key(lockKey(sourceId))
                    .conditionExpression("#runId = :runId")
                    .expressionAttributeNames(Map.of("#runId", LOCK_RUN_ID))
                    .expressionAttributeValues(Map.of(":runId", AttributeValue.fromS(runId))));
            return true;
        } catch (ConditionalCheckFailedException notOurs) {
            return false;
        }
    }

    @Override
    public Optional<String> lockHolder(String sourceId) {
        var response = client.getItem(r -> r.tableName(table).key(lockKey(sourceId)).consistentRead(true));
        return response.hasItem() && response.item().containsKey(LOCK_RUN_ID)
                ? Optional.of(response.item().get(LOCK_RUN_ID).s())
                : Optional.empty();
    }

    @Override
    public void saveWaiter(Waiter waiter) {
        client.putItem(r -> r.tableName(table).item(WaiterItems.toItem(waiter)));
    }

    @Override
    public List<Waiter> waiters(String resourceId) {
        return client.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Tables.RUNS_PK))
                        .expressionAttributeValues(Map.of(":pk", WaiterItems.partition(resourceId))))
                .items().stream()
                .filter(item -> !item.containsKey(WaiterItems.CLAIMED_BY))
                .map(WaiterItems::fromItem)
                .toList();
    }

    /**
     * Claims the waiter with a conditional write marking it completed by this caller, then deletes
     * it. A claim rather than a bare conditional delete: if the SDK retries a delete whose first
     * attempt did succeed (a timeout, a 500), the retry fails its condition and the only winner
     * would report false - the token would then never be completed. The claimant's id makes a
     * retried claim recognise itself.
     */
    @Override
    public boolean removeWaiter(Waiter waiter) {
        String claimant = java.util.UUID.randomUUID().toString();
        try {
            client.updateItem(r -> r.tableName(table).key(WaiterItems.key(waiter))
                    .updateExpression("SET #claimed = :me")
                    .conditionExpression("#token = :token AND attribute_not_exists(#claimed)")
                    .expressionAttributeNames(Map.of("#token", WaiterItems.TOKEN, "#claimed", WaiterItems.CLAIMED_BY))
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(waiter.taskToken()),
                            ":me", AttributeValue.fromS(claimant)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException lost) {
            AttributeValue by = lost.hasItem() ? lost.item().get(WaiterItems.CLAIMED_BY) : null;
            if (by == null || !claimant.equals(by.s())) return false;
        }
        try {
            client.deleteItem(r -> r.tableName(table).key(WaiterItems.key(waiter))
                    .conditionExpression("#claimed = :me")
                    .expressionAttributeNames(Map.of("#claimed", WaiterItems.CLAIMED_BY))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(claimant))));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // a retried delete of our own claim: the waiter is gone either way
        }
        return true;
    }

    /** Updates an existing run item; refuses to conjure a half item for an unknown run. */
    private void updateRun(String runId, String update, Map<String, String> names, Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#pk", Tables.RUNS_PK);
        try {
            client.updateItem(r -> r.tableName(table).key(RunItems.key(runId))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(allNames)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException missing) {
            throw new IllegalStateException("run " + runId + " does not exist in table " + table);
        }
    }

    private Map<String, AttributeValue> lockKey(String sourceId) {
        return Map.of(Tables.RUNS_PK, AttributeValue.fromS("LOCK#" + sourceId), Tables.RUNS_SK, AttributeValue.fromS("LOCK"));
    }

    private AttributeValue now() {
        return AttributeValue.fromS(clock.instant().toString());
    }
}
