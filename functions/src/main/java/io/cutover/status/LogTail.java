package io.cutover.status;

import java.util.List;

/**
 * The latest lines of a server's log (PostgreSQL server log, Oracle alert log).
 *
 * @param source      where they come from (a log file, the alertlog view)
 * @param notReadable why the log cannot be read here (privileges, logging to stderr); then no lines
 */
public record LogTail(String source, List<String> lines, String notReadable) {

    public LogTail {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static LogTail unreadable(String source, String reason) {
        return new LogTail(source, List.of(), reason);
    }
}
