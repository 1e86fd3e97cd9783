package io.cutover.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the app finds what it deploys: the Lambda jar the functions module builds and the ASL
 * files in statemachines/. The CDK CLI runs the app from the repository root; Maven runs the
 * tests from infra/, so the root comes from the {@code cutover.repoRoot} system property when
 * set, else from walking up the working directory.
 */
public record RepoLayout(Path root) {

    public static final String LAMBDA_JAR = "functions/target/cutover-functions-0.1.0-SNAPSHOT-lambda.jar";

    public static RepoLayout locate() {
        String property = System.getProperty("cutover.repoRoot");
        if (property != null && !property.isBlank() && looksLikeRoot(Path.of(property))) {
            return new RepoLayout(Path.of(property).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (looksLikeRoot(dir)) return new RepoLayout(dir.normalize());
        }
        throw new IllegalStateException("Cannot find the cutover repository root (a directory with pom.xml, "
                + "statemachines/ and functions/) from " + Path.of("").toAbsolutePath()
                + "; run from the repository or set -Dcutover.repoRoot=<path>");
    }

    private static boolean looksLikeRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("statemachines"))
                && Files.isDirectory(dir.resolve("functions"));
    }

    public Path stateMachines() {
        return root.resolve("statemachines");
    }

    /** The shaded Lambda jar; fails with the command that builds it when it is missing. */
    public Path lambdaJar() {
        Path jar = root.resolve(LAMBDA_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda deployment jar not found: " + jar + System.lineSeparator()
                    + "Build it first (from " + root + "): mvn -B -pl functions -am package -DskipTests");
        }
        return jar;
    }
}
