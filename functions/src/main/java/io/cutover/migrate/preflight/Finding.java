package io.cutover.migrate.preflight;

import java.util.List;

/**
 * One thing preflight found: what is wrong, about what, and the exact commands that fix it.
 *
 * @param subject what it is about: a setting, a table, a column
 * @param fix     commands to run, in order (empty when the fix is a decision, not a command)
 */
public record Finding(Severity severity, String subject, String problem, List<String> fix) {

    public enum Severity {
        /** The run cannot go ahead. */
        BLOCKER,
        /** The run can go ahead; the operator should know. */
        WARNING
    }

    public Finding {
        fix = List.copyOf(fix);
    }

    static Finding blocker(String subject, String problem, List<String> fix) {
        return new Finding(Severity.BLOCKER, subject, problem, fix);
    }

    static Finding warning(String subject, String problem, List<String> fix) {
        return new Finding(Severity.WARNING, subject, problem, fix);
    }

    public boolean blocks() {
        return severity == Severity.BLOCKER;
    }

    @Override
    public String toString() {
        return severity + " " + subject + ": " + problem + (fix.isEmpty() ? "" : " -- fix: " + String.join(" ; ", fix));
    }
}
