package io.cutover.handler.promote;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.PromoteReplicaInput;
import io.cutover.input.StartInputParser;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The first state: checks the whole start input and the run id before anything else runs.
 * Touches nothing: no AWS client, no table. Payload: {"input": $, "executionName": $$.Execution.Name}.
 */
public final class ValidateInputHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode payload = Json.mapper().readTree(in);
        String runId = StartInputParser.runId(payload.path("executionName").asText(null));
        PromoteReplicaInput input = StartInputParser.parse(payload.get("input"));
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("runId", runId);
        state.set("input", Json.mapper().valueToTree(input));
        Json.mapper().writeValue(out, state);
    }
}
