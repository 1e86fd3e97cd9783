package io.cutover.rehearsal.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} in headless mode, for tests that look at a page as a browser renders
 * it: the DOM after parsing ({@code --dump-dom}) and a screenshot. Each run gets a fresh profile
 * directory; {@code --no-sandbox} because builds run as root.
 */
public final class HeadlessChromium {
    /** Debian's package; {@code .ci/run} installs it when missing. */
    public static final String PACKAGE = "chromium";

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium on this machine, or an AssertionError naming the Debian package to install. */
    public static HeadlessChromium locate() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) return new HeadlessChromium(Path.of(candidate));
        }
        throw new AssertionError("a headless browser is needed: install Debian's package '" + PACKAGE
                + "' (apt-get install -y " + PACKAGE + "; .ci/run does it when missing)");
    }

    /** The page's DOM as Chromium parsed it. */
    public String dumpDom(Path page) {
        return run(List.of("--dump-dom", page.toUri().toString()));
    }

    /** A PNG of the page at the given window size. */
    public Path screenshot(Path page, Path png, int width, int height) {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString()));
        if (!Files.isRegularFile(png)) throw new AssertionError("chromium wrote no screenshot " + png);
        return png;
    }

    private String run(List<String> args) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("cutover-chromium-");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile));
            command.addAll(args);
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not end within 120 s: " + command);
            }
            if (p.exitValue() != 0) throw new AssertionError("chromium failed (" + p.exitValue() + "): " + err.join());
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run chromium", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            delete(profile);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path dir) {
        if (dir == null) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir
        }
    }
}
