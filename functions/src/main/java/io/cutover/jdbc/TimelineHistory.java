package io.cutover.jdbc;

import java.util.Locale;

/**
 * A PostgreSQL timeline history file ({@code pg_wal/0000000N.history}). Each line is
 * {@code parentTLI <tab> switchpoint LSN <tab> reason}; the last line is where the newest
 * timeline forked from its parent, which is exactly where CDC from the old primary must start.
 */
final class TimelineHistory {

    private TimelineHistory() {
    }

    /** The switchpoint LSN of the last line; fails if the file has none. */
    static String forkLsn(String content, int timeline) {
        String last = null;
        for (String line : content.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) last = trimmed;
        }
        if (last == null) {
            throw new ProbeException("timeline " + timeline + " history has no switchpoint line");
        }
        String[] fields = last.split("\\s+");
        // The parent is older but not always timeline - 1: an abandoned timeline leaves a gap.
        if (fields.length < 2 || !fields[0].matches("\\d+") || Long.parseLong(fields[0]) >= timeline
                || !fields[1].matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}")) {
            throw new ProbeException("timeline " + timeline + " history: unexpected last line '" + last + "'");
        }
        return fields[1].toUpperCase(Locale.ROOT);
    }

    /** The history file name of a timeline, as pg_wal names it. */
    static String fileName(int timeline) {
        return String.format("%08X.history", timeline);
    }
}
