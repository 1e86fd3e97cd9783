package io.cutover.migrate.validation;

import io.cutover.migrate.TableName;

import java.time.Duration;
import java.util.List;

/**
 * The outcome for one table.
 *
 * @param sourceRows  rows on the source at the last read of each chunk
 * @param chunks      first-pass chunks
 * @param rechecks    re-check rounds run (CDC mode)
 * @param mismatches  ranges that differ and stayed different (with keys)
 * @param unsettled   ranges that kept changing through every re-check: no verdict on them
 * @param notCompared columns whose values were not compared, with why (then the table is not comparable exactly)
 * @param message     what went wrong (ERROR) or why it was not validated (NOT_VALIDATED); else null
 * @param rangesNotListed differing or still-changing ranges past the {@link Validation#MAX_RANGES_LISTED} listed of each
 */
public record TableResult(TableName source, TableName target, Status status, long sourceRows, long targetRows, int chunks,
                          int rechecks, List<RangeMismatch> mismatches, List<KeyRange> unsettled, List<String> notCompared,
                          String message, Duration took, int rangesNotListed) {

    public enum Status {
        /** Every row and every value is equal. */
        EQUAL,
        /** Counts, keys and the compared columns are equal; some columns could not be compared (see notCompared). */
        EQUAL_IN_COMPARED_COLUMNS,
        /** Rows differ: see mismatches. */
        MISMATCH,
        /** Nothing found to differ for good, but some ranges kept changing (CDC in flight): no verdict yet. */
        UNSETTLED,
        NOT_VALIDATED,
        ERROR
    }

    public TableResult {
        mismatches = List.copyOf(mismatches);
        unsettled = List.copyOf(unsettled);
        notCompared = List.copyOf(notCompared);
    }

    public static TableResult notValidated(TableName source, TableName target, String why) {
        return new TableResult(source, target, Status.NOT_VALIDATED, -1, -1, 0, 0, List.of(), List.of(), List.of(), why, Duration.ZERO, 0);
    }

    /** One line per finding, for a run record or a printout. */
    public String describe() {
        StringBuilder sb = new StringBuilder(source + (source.equals(target) ? "" : " -> " + target) + ": " + status);
        if (sourceRows >= 0) sb.append(" (").append(sourceRows).append(" / ").append(targetRows).append(" rows)");
        if (message != null) sb.append(": ").append(message);
        for (RangeMismatch m : mismatches) {
            sb.append("\n  range ").append(m.range()).append(": ").append(m.sourceRows()).append(" rows on the source, ")
                    .append(m.targetRows()).append(" on the target");
            if (!m.missing().isEmpty()) sb.append("\n    missing on the target: ").append(m.missing());
            if (!m.extra().isEmpty()) sb.append("\n    extra on the target: ").append(m.extra());
            if (!m.different().isEmpty()) sb.append("\n    different: ").append(m.different());
            if (m.keysNote() != null) sb.append("\n    ").append(m.keysNote());
        }
        for (KeyRange r : unsettled) sb.append("\n  still changing: ").append(r);
        if (rangesNotListed > 0) sb.append("\n  and ").append(rangesNotListed).append(" more range(s) differing or changing, not listed");
        for (String c : notCompared) sb.append("\n  not compared: ").append(c);
        return sb.toString();
    }
}
