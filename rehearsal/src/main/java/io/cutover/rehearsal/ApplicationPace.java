package io.cutover.rehearsal;

import io.cutover.cli.CommandLines;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/** --pace-ms of the rehearsals whose applications write throughout (picocli mixin). */
public final class ApplicationPace {
    @Option(names = "--pace-ms", paramLabel = "N", defaultValue = "20",
            description = "Each application's pause between writes in milliseconds (1..60000; default ${DEFAULT-VALUE}).")
    private long paceMs;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    /** The pause, or a usage error naming --pace-ms when it is outside 1..60000. */
    public Duration pace() {
        return Duration.ofMillis(CommandLines.inRange(spec, "--pace-ms", paceMs, 1, 60_000));
    }
}
