package io.cutover.rehearsal.s3;

import io.cutover.migrate.TableName;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row change as PostgreSQL's {@code test_decoding} output plugin prints it, e.g.
 * {@code table public.orders: UPDATE: id[integer]:7 note[text]:'it''s'}. Values are the types'
 * text forms; strings and other quoted types come with their single quotes doubled, numbers and
 * booleans bare, {@code null} for NULL. An UPDATE that changes the key prints {@code old-key:} then
 * {@code new-tuple:}; only the new tuple is kept (DMS's S3 change rows hold the row after the
 * change). A DELETE holds the replica identity's columns only.
 *
 * @param operation I, U or D (DMS's Op values); TRUNCATE and rows without data are not changes here
 * @param values    column -> text value (null: SQL NULL); {@link #UNCHANGED_TOAST} when not sent
 */
record TestDecodingChange(TableName table, String operation, Map<String, String> values) {
    /** test_decoding's marker for a TOASTed value an UPDATE left as it was (not in the WAL). */
    static final String UNCHANGED_TOAST = "unchanged-toast-datum";

    /** The change of a {@code table ...} line; empty for lines that are not row changes. */
    static Optional<TestDecodingChange> parse(String line) {
        if (!line.startsWith("table ")) return Optional.empty();
        Scanner s = new Scanner(line, "table ".length());
        String schema = s.identifier('.');
        s.expect(".");
        String table = s.identifier(':');
        s.expect(": ");
        int colon = line.indexOf(':', s.at);
        String kind = line.substring(s.at, colon);
        s.at = colon + 1;
        String op = switch (kind) {
            case "INSERT" -> "I";
            case "UPDATE" -> "U";
            case "DELETE" -> "D";
            default -> null; // TRUNCATE, MESSAGE
        };
        if (op == null || line.endsWith("(no-tuple-data)")) return Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        while (s.skipSpaces()) {
            if (s.consume("old-key:")) {
                values.clear();
                continue;
            }
            if (s.consume("new-tuple:")) {
                values.clear();
                continue;
            }
            String column = s.identifier('[');
            int typeEnd = line.indexOf("]:", s.at);
            if (typeEnd < 0) throw new IllegalArgumentException("no type in test_decoding line: " + line);
            s.at = typeEnd + 2;
            values.put(column, s.value());
        }
        return Optional.of(new TestDecodingChange(new TableName(schema, table), op, values));
    }

    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text, int at) {
            this.text = text;
            this.at = at;
        }

        /** A quoted ("a""b") or bare identifier; a bare one ends before {@code end}. */
        String identifier(char end) {
            if (text.charAt(at) == '"') return quoted('"');
            int stop = text.indexOf(end, at);
            String id = text.substring(at, stop);
            at = stop;
            return id;
        }

        String value() {
            if (at < text.length() && text.charAt(at) == '\'') return quoted('\'');
            int stop = text.indexOf(' ', at);
            if (stop < 0) stop = text.length();
            String v = text.substring(at, stop);
            at = stop;
            return "null".equals(v) ? null : v;
        }

        private String quoted(char quote) {
            StringBuilder b = new StringBuilder();
            at++;
            while (true) {
                char c = text.charAt(at++);
                if (c == quote) {
                    if (at < text.length() && text.charAt(at) == quote) {
                        b.append(quote);
                        at++;
                    } else {
                        return b.toString();
                    }
                } else {
                    b.append(c);
                }
            }
        }

        void expect(String s) {
            if (!text.startsWith(s, at)) throw new IllegalArgumentException("expected '" + s + "' at " + at + " in " + text);
            at += s.length();
        }

        boolean consume(String s) {
            if (!text.startsWith(s, at)) return false;
            at += s.length();
            return true;
        }

        boolean skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') at++;
            return at < text.length();
        }
    }
}
