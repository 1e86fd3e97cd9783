package io.cutover.migrate.mapping;

import java.util.regex.Pattern;

/**
 * A schema or table name pattern of a DMS table mapping, matched as DMS does: case-sensitive,
 * {@code %} any run of characters, {@code _} one character, {@code [_]} a literal underscore,
 * {@code [ab]} one of a set, {@code [a-d]} one of a range (DMS user guide, "Wildcards in table mapping").
 */
public final class NamePattern {
    private final String text;
    private final Pattern regex;
    private final boolean wildcard;

    private NamePattern(String text, Pattern regex, boolean wildcard) {
        this.text = text;
        this.regex = regex;
        this.wildcard = wildcard;
    }

    /** @throws IllegalArgumentException for an empty pattern or an unclosed or empty {@code [...]} */
    public static NamePattern parse(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty name pattern");
        StringBuilder re = new StringBuilder();
        boolean wildcard = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '%' -> {
                    re.append(".*");
                    wildcard = true;
                }
                case '_' -> {
                    re.append('.');
                    wildcard = true;
                }
                case '[' -> {
                    int close = text.indexOf(']', i + 1);
                    if (close < 0) throw new IllegalArgumentException("'" + text + "': '[' at " + i + " is not closed");
                    if (close == i + 1) throw new IllegalArgumentException("'" + text + "': empty [] at " + i);
                    re.append(characterClass(text.substring(i + 1, close)));
                    wildcard = true;
                    i = close;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new NamePattern(text, Pattern.compile(re.toString(), Pattern.DOTALL), wildcard);
    }

    private static String characterClass(String body) {
        StringBuilder cls = new StringBuilder("[");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean range = c != '-' && i + 2 < body.length() && body.charAt(i + 1) == '-';
            if (range) {
                cls.append(escapeInClass(c)).append('-').append(escapeInClass(body.charAt(i + 2)));
                i += 2;
            } else {
                cls.append(escapeInClass(c));
            }
        }
        return cls.append(']').toString();
    }

    private static String escapeInClass(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** Whether the pattern has any wildcard (an explicit rule allows none). */
    public boolean hasWildcard() {
        return wildcard;
    }

    @Override
    public String toString() {
        return text;
    }
}
