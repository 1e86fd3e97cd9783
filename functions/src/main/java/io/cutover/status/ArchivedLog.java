package io.cutover.status;

import java.time.LocalDateTime;

/**
 * One row of Oracle's V$ARCHIVED_LOG: an archived redo log and, per destination, whether it was
 * archived and applied (on the standby destination).
 *
 * @param applied YES | NO | IN-MEMORY
 */
public record ArchivedLog(
        long thread,
        long sequence,
        int destId,
        String firstChange,
        String nextChange,
        LocalDateTime firstTime,
        LocalDateTime completionTime,
        boolean archived,
        String applied) {
}
