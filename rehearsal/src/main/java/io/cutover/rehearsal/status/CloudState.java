package io.cutover.rehearsal.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Where a rehearsal left running ({@code ./rehearse --keep-running}) listens, for
 * {@code ./status --local} in another window: the local Lambda endpoint with its Status function,
 * DynamoDB Local, the Step Functions API, and each pair's servers. No credentials: the status is collected inside the
 * rehearsal by its Status function, so passwords never leave that process.
 *
 * @param lambdaEndpoint  http://127.0.0.1:PORT, the local Lambda Invoke API
 * @param statusFunction  the status function's name there
 * @param stepFunctionsEndpoint http://127.0.0.1:PORT, the local Step Functions API (AWS JSON protocol)
 */
public record CloudState(
        long pid,
        Instant startedAt,
        String lambdaEndpoint,
        String statusFunction,
        String dynamodbEndpoint,
        String runsTable,
        String appmapTable,
        String stepFunctionsEndpoint,
        List<Pair> pairs) {

    /**
     * @param source       host:port of the source's PostgreSQL
     * @param graph        the run's execution graph (SVG), if written
     */
    public record Pair(String runId, String sourceId, String replicaId, String application, String source,
                       String replica, String graph) {
    }

    public CloudState {
        pairs = List.copyOf(pairs);
    }

    /** Writes the file in one move, so a reader never sees half of it. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static JsonNode read(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }
}
