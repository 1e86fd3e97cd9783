package io.cutover.runbook;

/** What a step handler is given belongs to one run (the run id is the execution name). */
public interface RunScoped {
    String runId();
}
