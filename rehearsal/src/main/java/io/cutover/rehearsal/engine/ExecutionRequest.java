package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.cutover.json.Json;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One execution to run.
 *
 * @param definition         the .asl.json file
 * @param substitutions      {@code ${Name}} placeholder values (as CDK definitionSubstitutions)
 * @param input              execution input
 * @param executionName      {@code $$.Execution.Name}
 * @param stateMachineName   for ARNs in the context object; null = file name without .asl.json
 * @param waitTimeOverrides  Wait state name to milliseconds
 * @param retryIntervalOverrides state name to milliseconds before each retry
 * @param timeScale          multiplies Wait and Retry durations without an explicit override (1 = real time)
 */
public record ExecutionRequest(Path definition, Map<String, String> substitutions, JsonNode input,
                               String executionName, String stateMachineName, Map<String, Long> waitTimeOverrides,
                               Map<String, Long> retryIntervalOverrides, double timeScale) {

    public ExecutionRequest {
        Objects.requireNonNull(definition, "definition");
        substitutions = Map.copyOf(substitutions);
        input = input == null ? NullNode.getInstance() : input;
        Objects.requireNonNull(executionName, "executionName");
        waitTimeOverrides = Map.copyOf(waitTimeOverrides);
        retryIntervalOverrides = Map.copyOf(retryIntervalOverrides);
        if (!(timeScale >= 0)) {
            throw new IllegalArgumentException("timeScale must be >= 0");
        }
    }

    public static Builder builder(Path definition) {
        return new Builder(definition);
    }

    public static final class Builder {
        private final Path definition;
        private final Map<String, String> substitutions = new LinkedHashMap<>();
        private JsonNode input = Json.mapper().createObjectNode();
        private String executionName = UUID.randomUUID().toString();
        private String stateMachineName;
        private final Map<String, Long> waitTimeOverrides = new LinkedHashMap<>();
        private final Map<String, Long> retryIntervalOverrides = new LinkedHashMap<>();
        private double timeScale = 1.0;

        private Builder(Path definition) {
            this.definition = definition;
        }

        public Builder substitution(String name, String value) {
            substitutions.put(name, value);
            return this;
        }

        public Builder substitutions(Map<String, String> values) {
            substitutions.putAll(values);
            return this;
        }

        public Builder input(JsonNode value) {
            this.input = value;
            return this;
        }

        /** Input as JSON text. */
        public Builder input(String json) {
            try {
                this.input = Json.mapper().readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Builder executionName(String value) {
            this.executionName = value;
            return this;
        }

        public Builder stateMachineName(String value) {
            this.stateMachineName = value;
            return this;
        }

        public Builder waitTimeOverride(String waitState, long millis) {
            waitTimeOverrides.put(waitState, millis);
            return this;
        }

        public Builder retryIntervalOverride(String state, long millis) {
            retryIntervalOverrides.put(state, millis);
            return this;
        }

        public Builder timeScale(double value) {
            this.timeScale = value;
            return this;
        }

        public ExecutionRequest build() {
            return new ExecutionRequest(definition, substitutions, input, executionName, stateMachineName,
                    waitTimeOverrides, retryIntervalOverrides, timeScale);
        }
    }
}
