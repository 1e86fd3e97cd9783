package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every runbook's first state does with its payload ({"input": $, "executionName":
 * $$.Execution.Name}): checks the run id and the input, and starts the execution state with
 * both. Nothing else runs on bad input.
 */
public final class StartPayload {
    static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,80}$");

    private StartPayload() {
    }

    /**
     * @param parse the runbook's input parser (schema, rules, record)
     * @return {"runId": ..., "input": the validated input record}
     * @throws InvalidInput naming every bad field
     */
    public static ObjectNode startState(JsonNode payload, Function<JsonNode, ?> parse) {
        String runId = runId(payload.path("executionName").asText(null));
        Object input = parse.apply(payload.get("input"));
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("runId", runId);
        state.set("input", Json.mapper().valueToTree(input));
        return state;
    }

    /** The run id is the execution name: it names DMS resources and slots, so it is checked too. */
    public static String runId(String executionName) {
        if (executionName == null || !RUN_ID.matcher(executionName).matches()) {
            throw new InvalidInput(List.of("execution name: " + FieldProblems.quote(executionName)
                    + " is not a valid run id (1-80 of A-Z a-z 0-9 _ -)"));
        }
        return executionName;
    }

    /** The applications of a start input its schema has passed (every runbook has them). */
    static List<String> applications(JsonNode input) {
        List<String> out = new ArrayList<>();
        input.get("applications").forEach(n -> out.add(n.textValue()));
        return out;
    }
}
