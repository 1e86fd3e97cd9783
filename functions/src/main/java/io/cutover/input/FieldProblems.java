package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.failure.InvalidInput;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of one document, each named by the field's JSON path ({@code source.hostname},
 * {@code applications[3]}): first those its schema finds, then those of the rules a schema cannot
 * state, which the parser adds. All are reported at once, in path order, so a DBA fixes the
 * input in one go and the same input always gives the same message.
 */
public final class FieldProblems {
    /** A bad value is quoted back with at most this many characters. */
    public static final int QUOTE_LIMIT = 80;

    private final String documentName;
    private final List<Problem> problems = new ArrayList<>();

    /** One bad field and what is wrong with it. */
    public record Problem(FieldPath path, String message) implements Comparable<Problem> {
        @Override
        public int compareTo(Problem other) {
            return path.compareTo(other.path);
        }

        /** {@code path: message}; the document itself is named by {@code documentName}. */
        public String render(String documentName) {
            return (path.isRoot() ? documentName : path.toString()) + ": " + message;
        }
    }

    FieldProblems(String documentName) {
        this.documentName = documentName;
    }

    /** Starts with what the schema finds in the document. */
    public static FieldProblems check(InputSchema schema, JsonNode document) {
        FieldProblems p = new FieldProblems(schema.documentName());
        p.problems.addAll(schema.problems(document));
        return p;
    }

    /** DMS task settings each key in the section DMS reads it from (dms.layout.TaskSettingsLayout). */
    static void taskSettingsLayout(JsonNode settings, FieldProblems problems) {
        if (settings == null || !settings.isObject()) return;
        for (String problem : io.cutover.dms.layout.TaskSettingsLayout.dms().problems(settings, "dms.taskSettings")) {
            int colon = problem.indexOf(": ");
            problems.add(problem.substring(0, colon), problem.substring(colon + 2));
        }
    }

    public void add(String path, String message) {
        problems.add(new Problem(FieldPath.of(path), message));
    }

    public void add(FieldPath path, String message) {
        problems.add(new Problem(path, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem as {@code path: message}, in path order (stable for problems of one field). */
    public List<String> messages() {
        return problems.stream().sorted().map(p -> p.render(documentName)).toList();
    }

    /** @throws InvalidInput naming every problem, if any */
    public void throwIfAny() {
        if (!problems.isEmpty()) throw new InvalidInput(messages());
    }

    /**
     * A value as a message shows it: text in quotes, cut to {@link #QUOTE_LIMIT} characters with its
     * length, control characters replaced; never text that looks like a credential.
     */
    public static String quote(JsonNode value) {
        if (value == null || value.isMissingNode()) return "(absent)";
        if (value.isTextual()) return quote(value.textValue());
        if (value.isObject()) return "an object";
        if (value.isArray()) return "an array";
        return head(value.asText()) + length(value.asText());
    }

    public static String quote(String text) {
        if (text == null) return "null";
        if (InputSchema.looksLikeCredential(text)) return "(a value that looks like a credential, not shown)";
        return "'" + head(text) + "'" + length(text);
    }

    private static String head(String text) {
        String head = text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
        return head.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String length(String text) {
        return text.length() <= QUOTE_LIMIT ? "" : " (" + text.length() + " characters)";
    }
}
