package io.cutover.migrate.validation;

import java.util.List;

/**
 * Where the validation of one table stopped when its call's budget ran out, to go on in the next
 * call: every row whose key is before {@code reached} (in the key's order) has been compared, its
 * differing chunks re-checked and narrowed to their keys, and what they found is kept here. Keys
 * are {@link Key#encode encoded} so the checkpoint is plain data for the run's state. Bounded
 * whatever the table's size: no chunk's checksum is kept, at most {@link Validation#MAX_RANGES_LISTED}
 * ranges of each kind and {@code maxKeysListed} keys.
 *
 * @param reached         the key the next call starts at (the upper bound of the last chunk done)
 * @param chunks          first-pass chunks compared so far
 * @param rechecks        most re-check rounds any part needed so far
 * @param rangesNotListed differing or still-changing ranges beyond the listed ones
 * @param keysLeft        keys that may still be listed for the table
 * @param millis          time spent on the table in earlier calls
 */
public record TableCheckpoint(List<String> reached, long sourceRows, long targetRows, int chunks, int rechecks,
                              List<SavedMismatch> mismatches, List<SavedRange> unsettled, int rangesNotListed, int keysLeft,
                              long millis) {

    public TableCheckpoint {
        if (reached == null || reached.isEmpty()) throw new IllegalArgumentException("a table checkpoint needs the key it reached");
        mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
        unsettled = unsettled == null ? List.of() : List.copyOf(unsettled);
    }

    /** A key range as plain data: null bounds are open. */
    public record SavedRange(List<String> lower, List<String> upper) {
        static SavedRange of(KeyRange r) {
            return new SavedRange(r.lower() == null ? null : r.lower().encode(), r.upper() == null ? null : r.upper().encode());
        }

        KeyRange range() {
            return new KeyRange(lower == null ? null : Key.decode(lower), upper == null ? null : Key.decode(upper));
        }
    }

    /** A {@link RangeMismatch} as plain data. */
    public record SavedMismatch(SavedRange range, long sourceRows, long targetRows, List<List<String>> missing,
                                List<List<String>> extra, List<List<String>> different, String keysNote) {
        static SavedMismatch of(RangeMismatch m) {
            return new SavedMismatch(SavedRange.of(m.range()), m.sourceRows(), m.targetRows(), encode(m.missing()),
                    encode(m.extra()), encode(m.different()), m.keysNote());
        }

        RangeMismatch mismatch() {
            return new RangeMismatch(range.range(), sourceRows, targetRows, decode(missing), decode(extra), decode(different),
                    keysNote);
        }

        private static List<List<String>> encode(List<Key> keys) {
            return keys.stream().map(Key::encode).toList();
        }

        private static List<Key> decode(List<List<String>> keys) {
            return keys == null ? List.of() : keys.stream().map(Key::decode).toList();
        }
    }
}
