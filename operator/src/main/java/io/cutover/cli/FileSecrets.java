package io.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Credentials by secret ARN from a local JSON file {@code {"<arn>": {"username", "password"}}}:
 * how the command-line tools reach a running rehearsal, whose secrets live in its memory. The
 * rehearsal writes the file readable by its owner only; in AWS, Secrets Manager is used instead.
 */
final class FileSecrets implements Secrets {
    private final JsonNode byArn;

    FileSecrets(Path file) {
        try {
            byArn = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secrets file " + file, e);
        }
    }

    @Override
    public DbCredentials credentials(String secretArn) {
        JsonNode c = byArn.get(secretArn);
        if (c == null) throw new IllegalArgumentException("no secret " + secretArn + " in the secrets file");
        return new DbCredentials(c.path("username").asText(), c.path("password").asText());
    }

    @Override
    public Set<String> keyNames(String secretArn) {
        JsonNode c = byArn.get(secretArn);
        if (c == null) throw new IllegalArgumentException("no secret " + secretArn + " in the secrets file");
        Set<String> names = new TreeSet<>();
        c.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
