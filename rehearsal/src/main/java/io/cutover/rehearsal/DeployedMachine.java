package io.cutover.rehearsal;

import io.cutover.rehearsal.engine.ExecutionRequest;
import io.cutover.rehearsal.local.LocalCloud;

import java.nio.file.Path;
import java.util.Map;

/**
 * A state machine file of this repository deployed on the local cloud: the file and the
 * substitutions (function ARNs and the like) its executions start with.
 */
public record DeployedMachine(Path definition, Map<String, String> substitutions) {

    /** @param file the definition, relative to the project root (e.g. statemachines/switchover.asl.json) */
    public static DeployedMachine deploy(LocalCloud cloud, Path file) {
        Path definition = cloud.engine().projectRoot().resolve(file);
        return new DeployedMachine(definition, cloud.deploy(definition));
    }

    /** A start request for this machine; the caller adds input, name and time scale. */
    public ExecutionRequest.Builder request() {
        return ExecutionRequest.builder(definition).substitutions(substitutions);
    }
}
