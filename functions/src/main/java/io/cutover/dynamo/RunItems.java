package io.cutover.dynamo;

import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.StepEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Run items of the runs table: pk {@code RUN#<runId>}, sk {@code RUN}. */
final class RunItems {

    static final String RUN_ID = "runId";
    static final String RUNBOOK = "runbook";
    static final String SOURCE_ID = "sourceId";
    static final String REPLICA_ID = "replicaId";
    static final String ENGINE = "engine";
    static final String STATUS = "status";
    static final String CURRENT_STEP = "currentStep";
    static final String POSITION = "position";
    static final String RESOURCES = "resources";
    static final String HISTORY = "history";
    static final String CAUSE = "cause";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    private static final String STEP = "step";
    private static final String OUTCOME = "outcome";
    private static final String AT = "at";
    private static final String DETAIL = "detail";

    private RunItems() {
    }

    static Map<String, AttributeValue> key(String runId) {
        return Map.of(Tables.RUNS_PK, AttributeValue.fromS("RUN#" + runId), Tables.RUNS_SK, AttributeValue.fromS("RUN"));
    }

    /** The whole item; resources and history always exist so later updates can add to them. */
    static Map<String, AttributeValue> toItem(RunRecord run) {
        return new ItemBuilder()
                .string(Tables.RUNS_PK, "RUN#" + run.runId())
                .string(Tables.RUNS_SK, "RUN")
                .string(RUN_ID, run.runId())
                .string(RUNBOOK, run.runbook())
                .string(SOURCE_ID, run.sourceId())
                .string(REPLICA_ID, run.replicaId())
                .string(ENGINE, run.engine())
                .string(STATUS, run.status() == null ? RunStatus.RUNNING.name() : run.status().name())
                .string(CURRENT_STEP, run.currentStep())
                .string(POSITION, run.position())
                .map(RESOURCES, run.resources().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue()))))
                .list(HISTORY, run.history().stream().map(RunItems::toAttribute).toList())
                .string(CAUSE, run.cause())
                .instant(CREATED_AT, run.createdAt())
                .instant(UPDATED_AT, run.updatedAt())
                .build();
    }

    static AttributeValue toAttribute(StepEvent event) {
        return new ItemBuilder()
                .string(STEP, event.step())
                .string(OUTCOME, event.outcome().name())
                .instant(AT, event.at())
                .string(DETAIL, event.detail())
                .buildMap();
    }

    static RunRecord fromItem(String runId, Map<String, AttributeValue> item) {
        ItemReader r = new ItemReader("run item " + runId, item);
        List<AttributeValue> history = r.list(HISTORY);
        return new RunRecord(
                r.string(RUN_ID),
                r.optionalString(RUNBOOK),
                r.optionalString(SOURCE_ID),
                r.optionalString(REPLICA_ID),
                r.optionalString(ENGINE),
                r.parsed(STATUS, RunStatus::valueOf),
                r.optionalString(CURRENT_STEP),
                r.optionalString(POSITION),
                r.stringMap(RESOURCES),
                IntStream.range(0, history.size())
                        .mapToObj(i -> stepEvent(r.nested("history[" + i + "]", history.get(i))))
                        .toList(),
                r.optionalString(CAUSE),
                r.optionalInstant(CREATED_AT),
                r.optionalInstant(UPDATED_AT));
    }

    private static StepEvent stepEvent(ItemReader line) {
        return new StepEvent(
                line.string(STEP),
                line.parsed(OUTCOME, StepEvent.Outcome::valueOf),
                line.instant(AT),
                line.optionalString(DETAIL));
    }
}
