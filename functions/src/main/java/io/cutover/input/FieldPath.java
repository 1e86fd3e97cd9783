package io.cutover.input;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a field is in a document, written as a DBA reads it: {@code source.secretArn},
 * {@code applications[3]}, {@code sites.SITEA.port}. Paths order naturally (indices by number,
 * a field before the fields inside it), so a list of problems reads in a stable order.
 *
 * @param segments field names (String) and array indices (Integer), from the root
 */
public record FieldPath(List<Object> segments) implements Comparable<FieldPath> {
    public static final FieldPath ROOT = new FieldPath(List.of());
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** A path written with dots and [index], such as {@code sites.SITEA.port}; plain names only. */
    public static FieldPath of(String dotted) {
        FieldPath p = ROOT;
        var m = SEGMENT.matcher(dotted);
        while (m.find()) p = m.group(1) != null ? p.field(m.group(1)) : p.index(Integer.parseInt(m.group(2)));
        return p;
    }

    public FieldPath field(String name) {
        List<Object> s = new ArrayList<>(segments);
        s.add(name);
        return new FieldPath(s);
    }

    public FieldPath index(int index) {
        List<Object> s = new ArrayList<>(segments);
        s.add(index);
        return new FieldPath(s);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** Field names that are not plain (spaces, dots, a pasted value) are quoted and cut short. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else if (PLAIN_NAME.matcher((String) s).matches() && ((String) s).length() <= 80) {
                if (!b.isEmpty()) b.append('.');
                b.append(s);
            } else {
                b.append('[').append(FieldProblems.quote((String) s)).append(']');
            }
        }
        return b.toString();
    }

    @Override
    public int compareTo(FieldPath other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            Object a = segments.get(i);
            Object b = other.segments.get(i);
            int c;
            if (a instanceof Integer x && b instanceof Integer y) c = Integer.compare(x, y);
            else if (a instanceof Integer) c = -1;
            else if (b instanceof Integer) c = 1;
            else c = ((String) a).compareTo((String) b);
            if (c != 0) return c;
        }
        return Integer.compare(segments.size(), other.segments.size());
    }
}
