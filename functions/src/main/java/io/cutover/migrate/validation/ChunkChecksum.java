package io.cutover.migrate.validation;

import java.math.BigInteger;

/**
 * A key range's row count and the sum of its rows' 64-bit hashes (exact, not wrapped): equal
 * content gives equal checksums whatever the physical order; a changed, missing or extra row
 * changes the sum except with probability about 2^-60 (2^-32 for a value that reaches its hash
 * through PostgreSQL's 64-to-32-bit fold: a timestamp, or a bigint under the record hash).
 */
public record ChunkChecksum(long rows, BigInteger hashSum) {

    public static final ChunkChecksum EMPTY = new ChunkChecksum(0, BigInteger.ZERO);

    public ChunkChecksum {
        if (rows < 0) throw new IllegalArgumentException("negative row count");
        if (hashSum == null) throw new IllegalArgumentException("hash sum is missing");
    }
}
