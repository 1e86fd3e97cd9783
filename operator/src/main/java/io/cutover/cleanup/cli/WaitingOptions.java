package io.cutover.cleanup.cli;

import io.cutover.cleanup.RunCleanup;
import io.cutover.cli.CommandLines;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How ./cleanup waits for DMS: --wait-seconds and --poll-seconds, checked together (a picocli mixin). */
public final class WaitingOptions {
    @Option(names = "--wait-seconds", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long to wait for the tasks to stop, and again to be gone (default: ${DEFAULT-VALUE}).")
    private long waitSeconds;

    @Option(names = "--poll-seconds", paramLabel = "SECONDS", defaultValue = "15",
            description = "How often DescribeReplicationTasks is asked meanwhile (default: ${DEFAULT-VALUE}).")
    private long pollSeconds;

    /** The waiting asked for, or a usage error naming the option out of range or a poll longer than the wait. */
    RunCleanup.Waiting waiting(CommandSpec spec) {
        long wait = CommandLines.inRange(spec, "--wait-seconds", waitSeconds, 1, 86_400);
        long poll = CommandLines.inRange(spec, "--poll-seconds", pollSeconds, 1, 600);
        if (poll > wait) throw CommandLines.invalid(spec, "--poll-seconds", poll + " is longer than --wait-seconds " + wait);
        return new RunCleanup.Waiting(Duration.ofSeconds(poll), Duration.ofSeconds(wait));
    }
}
