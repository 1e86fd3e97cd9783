package io.cutover.status;

import java.util.regex.Pattern;

/**
 * Takes passwords out of log lines before a status shows them. A server logs the statement of a
 * failed command, and some carry a password: a subscription's connection string
 * ({@code password=...}), {@code CREATE/ALTER ROLE ... PASSWORD '...'}, Oracle's
 * {@code IDENTIFIED BY ...}.
 */
public final class LogRedaction {

    private static final Pattern CONNINFO = Pattern.compile("(?i)(password\\s*=\\s*)('(?:[^']|'')*'|[^\\s']+)");
    /** Quoted only: "password authentication failed" is a message worth seeing, not a secret. */
    private static final Pattern ROLE_PASSWORD = Pattern.compile("(?i)(\\bpassword\\s+)(E?'(?:[^']|'')*')");
    private static final Pattern IDENTIFIED_BY = Pattern.compile("(?i)(\\bidentified\\s+by\\s+)(\"[^\"]*\"|\\S+)");

    private LogRedaction() {
    }

    public static String redact(String line) {
        if (line == null) return null;
        String out = CONNINFO.matcher(line).replaceAll("$1***");
        out = ROLE_PASSWORD.matcher(out).replaceAll("$1***");
        return IDENTIFIED_BY.matcher(out).replaceAll("$1***");
    }
}
