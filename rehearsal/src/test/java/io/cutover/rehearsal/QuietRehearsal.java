package io.cutover.rehearsal;

import io.cutover.rehearsal.local.LocalCloud;

import java.io.PrintStream;
import java.time.Duration;

/** For tests that read a promote-replica rehearsal's results, not its log: a local cloud and a rehearsal that print nothing. */
final class QuietRehearsal {
    private QuietRehearsal() {
    }

    /** Steps do not log; the engine's waits are cut to a second. */
    static LocalCloud cloud() {
        System.setProperty("cutover.quietSteps", "true");
        return new LocalCloud(Duration.ofSeconds(1));
    }

    static Rehearsal on(LocalCloud cloud) {
        return new Rehearsal(cloud, new PrintStream(PrintStream.nullOutputStream()));
    }
}
