package io.cutover.rehearsal;

import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.report.RunHistory;
import io.cutover.report.RunPage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The report page of a rehearsal run with no data checks of its own (the switchover's, the migration's). */
public final class RunPages {
    private RunPages() {
    }

    /**
     * Writes {@code <directory>/<runId>/report.html} and prints its path; a page that cannot be
     * written is said, never fails the run. Nothing when {@code directory} is null.
     */
    public static void write(LocalCloud cloud, Path definition, String runbook, String runId, ExecutionResult result,
                             Path directory, PrintStream out) {
        if (directory == null) return;
        try {
            RunPage.Facts facts = RunPage.Facts.of(runbook, runId, cloud.ports().runs().run(runId).orElse(null),
                    result.cause(), List.of(), List.of());
            Path page = RunPage.write(definition, RunHistory.of(cloud.stepFunctions().history(definition, runId)), facts,
                    directory.resolve(runId).resolve("report.html"));
            out.printf("[%s] run report: %s%n", runId, page);
        } catch (RuntimeException e) {
            // A picture of the run must not fail the run.
            out.printf("[%s] no run report: %s%n", runId, e.getMessage());
        }
    }
}
