package io.cutover.failure;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;

/**
 * The Cause of a failed lambda:invoke state is the Java runtime's JSON (errorMessage, errorType,
 * stackTrace); people and run items want the message only.
 */
public final class LambdaErrorCause {
    private LambdaErrorCause() {
    }

    /** The errorMessage of a Lambda error cause; any other cause as it is; "no cause given" if none. */
    public static String message(String cause) {
        if (cause == null || cause.isBlank()) return "no cause given";
        if (cause.startsWith("{")) {
            try {
                JsonNode n = Json.mapper().readTree(cause);
                if (n.hasNonNull("errorMessage")) return n.get("errorMessage").asText();
            } catch (IOException notJson) {
                return cause;
            }
        }
        return cause;
    }

    /** io.cutover.failure.NotReadyYet -> NotReadyYet: the package says nothing to a reader. */
    public static String shortName(String error) {
        return error == null ? "" : error.substring(error.lastIndexOf('.') + 1);
    }
}
