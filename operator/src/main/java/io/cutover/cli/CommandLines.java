package io.cutover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * How every cutover command runs, with picocli: generated {@code --help} on the command and on
 * each subcommand, usage errors that name the bad option or value, one exit status convention.
 */
public final class CommandLines {
    /** Done; or, for a rehearsal, every run ended as expected. */
    public static final int OK = 0;
    /** The command ran and failed: a run not as expected, a table that refused, an unreachable service. */
    public static final int FAILED = 1;
    /** Bad arguments: nothing was done. */
    public static final int USAGE = 2;

    /** Exit status lines the commands' help shares (picocli's "code:description"). */
    public static final String EXIT_OK = "0:done";
    public static final String EXIT_USAGE = "2:bad arguments (the error names the option or value); nothing was done";

    private CommandLines() {
    }

    /**
     * Parses {@code args} into {@code command} (a picocli {@code @Command}) and runs it.
     *
     * @return the exit status: the command's own, {@link #USAGE} for bad arguments, {@link #FAILED}
     * when it threw (the message is printed, prefixed with the command's name)
     */
    public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(command);
        applyConventions(line);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        String name = line.getCommandName();
        line.setParameterExceptionHandler((ParameterException e, String[] ignored) -> {
            CommandLine where = e.getCommandLine();
            PrintWriter w = where.getErr();
            w.println(name + ": " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, w);
            w.print(where.getHelp().fullSynopsis());
            w.printf("Try '%s --help' for more information.%n", where.getCommandSpec().qualifiedName());
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, where, parsed) -> {
            where.getErr().println(name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return FAILED;
        });
        return line.execute(args);
    }

    /** For main(): runs, then ends the JVM with the status (the local cloud leaves threads behind). */
    public static void exit(Object command, String[] args) {
        System.exit(run(command, args, System.out, System.err));
    }

    /** A usage error naming the option and why its value was refused (exit status {@link #USAGE}). */
    public static ParameterException invalid(CommandSpec spec, String option, String why) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + why);
    }

    /** {@code value} if it lies in {@code min..max}, else a usage error naming the option. */
    public static long inRange(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) throw invalid(spec, option, value + " is outside " + min + ".." + max);
        return value;
    }

    /**
     * What every command's help has, set once here rather than on each: -h/--help, options in the
     * order they are declared, the exit status list under one heading.
     */
    private static void applyConventions(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        spec.usageMessage().sortOptions(false).sortSynopsis(false);
        if (!spec.usageMessage().exitCodeList().isEmpty()) spec.usageMessage().exitCodeListHeading("%nExit status:%n");
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        }
        line.getSubcommands().values().forEach(CommandLines::applyConventions);
    }
}
