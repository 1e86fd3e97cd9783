package io.cutover.cleanup.cli;

import io.cutover.aws.AwsClients;
import io.cutover.aws.DmsReplication;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.cleanup.CleanupOutcome;
import io.cutover.cleanup.CleanupPlan;
import io.cutover.cleanup.Removal;
import io.cutover.cleanup.RunCleanup;
import io.cutover.cli.CommandLines;
import io.cutover.cli.RunsTable;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.failure.InvalidInput;
import io.cutover.input.StartPayload;
import io.cutover.jdbc.JdbcSourceProbes;
import io.cutover.migrate.validation.Pause;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * ./cleanup: removes what a run created (DMS tasks, endpoints, the logical slot and publication)
 * once nothing reads them. Plans and prints first; acts only with --execute.
 */
@Command(name = "cleanup",
        description = {"Removes what a cutover run created - its DMS tasks, then their endpoints, then the logical slot "
                + "and publication on the source - once nothing reads them, and nothing it did not create (tags "
                + "cutover:managed=true and cutover:run-id=RUN_ID; the slot its run item names).",
                "Prints the plan first; without --execute that is all (a dry run). A running task refuses the whole "
                        + "clean-up unless --stop-tasks (DMS refuses to delete a running task, and an endpoint a task uses). "
                        + "Running it again after a partial failure finishes the job.",
                "AWS credentials and region: the SDK's default chains; the source must be reachable to drop the slot."},
        exitCodeList = {"0:done, or (dry run) the plan can be carried out", "1:refused (something is still read) or failed "
                + "part-way (the output says where; run it again)", CommandLines.EXIT_USAGE})
public final class CleanupCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_ID", description = "The run (its Step Functions execution name).")
    private String runId;

    @Option(names = "--execute", description = "Carry the plan out (default: print it and change nothing).")
    private boolean execute;

    @Option(names = "--stop-tasks", description = "Stop the run's running tasks and wait until they are stopped "
            + "before deleting anything (default: a running task refuses the clean-up).")
    private boolean stopTasks;

    @Mixin
    private WaitingOptions waitingOptions;

    @Mixin
    private RunsTable runsTable;

    @Spec
    private CommandSpec spec;

    /** The clean-up for a runs table: on AWS from main; the rehearsal's local cloud in its tests. */
    private final Function<String, RunCleanup> cleanups;

    public CleanupCommand() {
        this(CleanupCommand::onAws);
    }

    public CleanupCommand(Function<String, RunCleanup> cleanups) {
        this.cleanups = cleanups;
    }

    public static void main(String[] args) {
        CommandLines.exit(new CleanupCommand(), args);
    }

    private static RunCleanup onAws(String runsTable) {
        return new RunCleanup(new DynamoRunStore(AwsClients.dynamoDb(), runsTable), new DmsReplication(AwsClients.dms()),
                new JdbcSourceProbes(new SecretsManagerSecrets(AwsClients.secretsManager())), Pause.SLEEP);
    }

    @Override
    public Integer call() {
        try {
            StartPayload.runId(runId);
        } catch (InvalidInput e) {
            throw CommandLines.invalid(spec, "RUN_ID", "'" + runId + "' is not a run id (1-80 of A-Z a-z 0-9 _ -)");
        }
        RunCleanup.Waiting waiting = waitingOptions.waiting(spec);
        RunCleanup cleanup = cleanups.apply(runsTable.required(spec));
        CleanupPlan plan = cleanup.plan(runId, stopTasks);
        PrintWriter out = spec.commandLine().getOut();
        print(plan, out);
        if (plan.refused()) {
            out.println("Refused: " + (plan.refusal() != null ? plan.refusal()
                    : plan.removals().stream().filter(r -> r.action() == Removal.Action.REFUSE).count()
                            + " resource(s) still read") + ". Nothing was changed.");
            return CommandLines.FAILED;
        }
        if (!plan.hasWork()) {
            out.println("Nothing to do: what the run created is gone.");
            return CommandLines.OK;
        }
        if (!execute) {
            out.println("Dry run: nothing was changed. --execute carries the plan out.");
            return CommandLines.OK;
        }
        CleanupOutcome outcome = cleanup.execute(plan, waiting);
        outcome.done().forEach(line -> out.println("  done: " + line));
        if (!outcome.complete()) {
            out.println("Stopped part-way: " + outcome.failure());
            return CommandLines.FAILED;
        }
        out.println("Done: what run " + runId + " created and nothing reads is removed.");
        return CommandLines.OK;
    }

    private static void print(CleanupPlan plan, PrintWriter out) {
        out.println("Clean-up of run " + plan.runId() + " (" + plan.runbook() + ", " + plan.runStatus() + ")"
                + (plan.stopTasks() ? ", stopping running tasks first" : ""));
        for (Removal r : plan.removals()) {
            out.println(r.kind().label() + " " + r.name() + " [" + r.status() + "]");
            if (r.kind() != Removal.Kind.SLOT && !r.id().equals(r.name())) out.println("  id:         " + r.id());
            out.println("  created by: " + (r.madeByRun() ? "this run - " : "not this run - ") + r.createdBy());
            out.println("  read by:    " + (r.readers().isEmpty() ? "nothing" : String.join("; ", r.readers())));
            out.println("  action:     " + label(r.action()) + " - " + r.note());
        }
        if (plan.removals().isEmpty()) out.println("The run item records nothing the clean-up removes.");
    }

    private static String label(Removal.Action action) {
        return switch (action) {
            case DELETE -> "delete";
            case STOP_AND_DELETE -> "stop, wait until stopped, delete";
            case DROP -> "drop";
            case KEEP_NOT_OURS -> "keep";
            case REFUSE -> "REFUSED";
            case BY_HAND -> "by hand";
            case NOTHING -> "nothing";
        };
    }
}
