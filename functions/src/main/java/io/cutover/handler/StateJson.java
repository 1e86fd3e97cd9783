package io.cutover.handler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.json.Json;
import io.cutover.runbook.Awaited;
import io.cutover.runbook.StepError;

/**
 * The JSON of execution states: the one mapper configuration, plus the names Step Functions
 * gives an error ({@code Error}, {@code Cause}) on the plain records that model them.
 */
public final class StateJson {
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .addMixIn(StepError.class, ErrorFields.class)
            .addMixIn(Awaited.class, ErrorFields.class);

    private StateJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private abstract static class ErrorFields {
        @JsonProperty("Error")
        abstract String error();

        @JsonProperty("Cause")
        abstract String cause();
    }
}
