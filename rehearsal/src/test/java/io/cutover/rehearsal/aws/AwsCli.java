package io.cutover.rehearsal.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS CLI v2 (Debian's {@code awscli}), for tests that drive the local cloud with it, and
 * AWS's own API model of Step Functions as that CLI ships it (botocore's {@code service-2.json}).
 * Dummy credentials and region: the local endpoints accept any.
 */
public final class AwsCli {
    /** Debian's package; {@code .ci/run} installs it when missing. */
    public static final String PACKAGE = "awscli";
    private static final List<String> MODEL_ROOTS = List.of("/usr/lib/python3/dist-packages/awscli/botocore/data",
            "/usr/share/awscli/botocore/data");

    /** One run of the CLI. */
    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exitCode + "): " + stdout + "\n" + stderr, e);
            }
        }

        /** The error code in "An error occurred (Code) when calling the Op operation: message". */
        public Optional<String> errorCode() {
            var m = java.util.regex.Pattern.compile("An error occurred \\(([A-Za-z]+)\\) when calling").matcher(stderr);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private final Path executable;

    private AwsCli(Path executable) {
        this.executable = executable;
    }

    /** The AWS CLI v2 on this machine, or an AssertionError naming the Debian package to install. */
    public static AwsCli locate() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/aws"), Path.of("/usr/local/bin/aws")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir, "aws"));
        }
        List<String> seen = new ArrayList<>();
        for (Path p : candidates) {
            if (!Files.isExecutable(p)) continue;
            String version = version(p);
            seen.add(p + ": " + version);
            if (version.startsWith("aws-cli/2.")) return new AwsCli(p);
        }
        throw new AssertionError("the AWS CLI v2 is needed: install Debian's package '" + PACKAGE + "' (apt-get install -y "
                + PACKAGE + "; .ci/run does it when missing). Found: " + (seen.isEmpty() ? "no aws" : seen));
    }

    private static String version(Path aws) {
        try {
            Process p = new ProcessBuilder(aws.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "not runnable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public Path executable() {
        return executable;
    }

    /** Runs {@code aws ARGS...}. */
    public Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        return exec(command);
    }

    /** Runs a command line as printed for a person ({@code aws ...}), through bash, with this CLI as {@code aws}. */
    public Result runLine(String line) {
        if (!line.strip().startsWith("aws ")) throw new IllegalArgumentException("not an aws command: " + line);
        return exec(List.of("bash", "-c", line.strip().replaceFirst("^aws ", "\"\\$AWS_CLI\" ")));
    }

    private Result exec(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("AWS_CLI", executable.toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        try {
            Process p = pb.start();
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws did not end within 120 s: " + command);
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** AWS's API model of a service as this CLI ships it, e.g. {@code stepfunctions}. */
    public JsonNode model(String service) {
        for (String root : MODEL_ROOTS) {
            Path dir = Path.of(root, service);
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(dir)) {
                for (Path v : versions) {
                    Path model = v.resolve("service-2.json");
                    if (Files.isRegularFile(model)) return Json.mapper().readTree(model.toFile());
                }
            } catch (IOException e) {
                throw new AssertionError("cannot read the " + service + " model under " + dir, e);
            }
        }
        throw new AssertionError("AWS's " + service + " API model (botocore service-2.json) was not found under "
                + MODEL_ROOTS + " - it comes with Debian's '" + PACKAGE + "'");
    }
}
