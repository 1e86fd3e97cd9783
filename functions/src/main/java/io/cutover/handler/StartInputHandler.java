package io.cutover.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.input.StartPayload;
import io.cutover.runbook.RunScoped;

import java.util.function.Function;

/**
 * The first state of a runbook: checks the whole start input and the run id (the execution
 * name) before anything else runs, and makes the execution state {@code {runId, input}}.
 * Touches nothing: no AWS client, no table, no history (there is no run yet).
 * Payload: {@code {"input": $, "executionName": $$.Execution.Name}}.
 *
 * @param <I> the runbook's validated start input
 */
public abstract class StartInputHandler<I> extends StepHandler<StartInputHandler.Start> {

    /** What the first state passes. */
    public record Start(JsonNode input, String executionName) implements RunScoped {
        @Override
        public String runId() {
            return executionName;
        }
    }

    /** The execution state every later step reads. */
    public record Validated<I>(String runId, I input) {
    }

    private final Function<JsonNode, I> parser;

    /** @param parser the runbook's input parser: throws InvalidInput naming every bad field */
    protected StartInputHandler(String step, Function<JsonNode, I> parser) {
        super(step, null, Start.class, null, null);
        this.parser = parser;
    }

    @Override
    protected final Object apply(Start start) {
        String runId = StartPayload.runId(start.executionName());
        return new Validated<>(runId, parse(start.input()));
    }

    /** The runbook's parser (a named method, so the step table can follow the call). */
    private I parse(JsonNode input) {
        return parser.apply(input);
    }

    @Override
    protected final Object output(Start start, Object validated) {
        return validated;
    }
}
