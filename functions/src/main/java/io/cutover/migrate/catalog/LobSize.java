package io.cutover.migrate.catalog;

import io.cutover.migrate.TableName;

/**
 * The largest value of one LOB column.
 *
 * @param maxBytes      the largest value's size in bytes as stored in the database's encoding (0 for an empty table)
 * @param maxCharacters for character LOBs, the largest value's length in characters (-1 for binary ones)
 * @param rowsOverLimit rows whose value is longer than the limit asked about, in bytes, or for character
 *                      LOBs at two bytes per character when that is more (see {@link #effectiveMax()})
 */
public record LobSize(TableName table, String column, String dataType, long maxBytes, long maxCharacters, long rowsOverLimit) {

    /**
     * The size checked against LobMaxSize: bytes, or for character LOBs two bytes per character
     * when that is more. Conservative on purpose: DMS carries character LOBs as NCLOB and its
     * documentation does not say in which encoding LobMaxSize is counted.
     */
    public long effectiveMax() {
        return maxCharacters < 0 ? maxBytes : Math.max(maxBytes, 2 * maxCharacters);
    }
}
