package io.cutover.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Checks, in the SDK client itself, each JSON protocol request about to be sent against AWS's API
 * model of the service ({@link ApiModel}), and refuses to send one the model refuses - for the
 * tests whose requests go to a real local server (DynamoDB Local) rather than to a recording stub.
 */
public final class ApiModelCheck implements ExecutionInterceptor {
    private final ApiModel model;

    public ApiModelCheck(String modelUid) {
        this.model = ApiModel.load(modelUid);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String target = context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
        if (target == null) throw new IllegalStateException("not a JSON protocol request: " + context.httpRequest().getUri());
        String operation = target.substring(target.indexOf('.') + 1);
        JsonNode body = context.requestBody().map(b -> {
            try (InputStream in = b.contentStreamProvider().newStream()) {
                return Json.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
        List<String> problems = model.checkJson(operation, body);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("request refused by AWS's API model " + model.uid() + ": " + problems);
        }
    }
}
