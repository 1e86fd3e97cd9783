package io.cutover.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cutover.input.SwitchoverInputParser;
import io.cutover.input.StartPayload;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The first state of a switchover: checks the whole start input and the run id before anything
 * else runs. Touches nothing. Payload: {"input": $, "executionName": $$.Execution.Name}.
 */
public final class SwitchoverValidateInputHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        Json.mapper().writeValue(out, StartPayload.startState(Json.mapper().readTree(in), SwitchoverInputParser::parse));
    }
}
