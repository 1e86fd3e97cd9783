package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.failure.InvalidInput;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What every runbook's start payload shares: the run id (the execution name) and the applications. */
public final class StartPayload {
    static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,80}$");

    private StartPayload() {
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
