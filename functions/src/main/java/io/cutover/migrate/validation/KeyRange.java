package io.cutover.migrate.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows whose primary key is at or after {@code lower} and before {@code upper}, in the key's order
 * (a null bound is open). Boundaries come from one side's keys and are applied to both, so the
 * ranges of a table cover every row of either side exactly once.
 */
public record KeyRange(Key lower, Key upper) {

    public static KeyRange all() {
        return new KeyRange(null, null);
    }

    public boolean whole() {
        return lower == null && upper == null;
    }

    /** The range cut at the given keys (ascending, inside the range): one more range than points. */
    public List<KeyRange> split(List<Key> points) {
        List<KeyRange> out = new ArrayList<>(points.size() + 1);
        Key from = lower;
        for (Key p : points) {
            if (p.equals(from)) continue;
            out.add(new KeyRange(from, p));
            from = p;
        }
        out.add(new KeyRange(from, upper));
        return out;
    }

    @Override
    public String toString() {
        if (whole()) return "the whole table";
        return "[" + (lower == null ? "start" : lower.toString()) + " .. " + (upper == null ? "end" : upper.toString()) + ")";
    }
}
