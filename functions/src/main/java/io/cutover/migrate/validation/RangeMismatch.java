package io.cutover.migrate.validation;

import java.util.List;

/**
 * A key range whose rows differ between source and target, and the rows that differ.
 *
 * @param missing   keys on the source but not the target
 * @param extra     keys on the target but not the source
 * @param different keys on both whose compared values differ
 * @param keysNote  why keys are not (all) listed, null when they are
 */
public record RangeMismatch(KeyRange range, long sourceRows, long targetRows, List<Key> missing, List<Key> extra,
                            List<Key> different, String keysNote) {

    public RangeMismatch {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        different = List.copyOf(different);
    }

    public int keysListed() {
        return missing.size() + extra.size() + different.size();
    }
}
