package io.cutover.migrate.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one small range that differ: keys only on the source (missing on the target), only
 * on the target (extra), and on both with different hashes. Built from two bounded listings.
 */
record RowDiff(List<Key> missing, List<Key> extra, List<Key> different) {

    static RowDiff of(List<RowHash> source, List<RowHash> target) {
        Map<Key, Long> onTarget = new HashMap<>(target.size() * 2);
        for (RowHash r : target) onTarget.put(r.key(), r.hash());
        Set<Key> onSource = new HashSet<>(source.size() * 2);
        List<Key> missing = new java.util.ArrayList<>();
        List<Key> different = new java.util.ArrayList<>();
        for (RowHash r : source) {
            onSource.add(r.key());
            Long t = onTarget.get(r.key());
            if (t == null) missing.add(r.key());
            else if (t != r.hash()) different.add(r.key());
        }
        List<Key> extra = target.stream().map(RowHash::key).filter(k -> !onSource.contains(k)).toList();
        return new RowDiff(missing, extra, different);
    }

    boolean empty() {
        return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
    }

    /** The keys that differ the same way in both listings: what did not change between them. */
    RowDiff stillIn(RowDiff later) {
        return new RowDiff(keep(missing, later.missing), keep(extra, later.extra), keep(different, later.different));
    }

    private static List<Key> keep(List<Key> first, List<Key> second) {
        Set<Key> again = new HashSet<>(second);
        return first.stream().filter(again::contains).toList();
    }
}
