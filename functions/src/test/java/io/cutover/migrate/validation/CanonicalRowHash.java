package io.cutover.migrate.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cross-engine row hash ({@link RowHashFunction#MD5_TEXT}) computed in Java from the columns'
 * canonical texts: the specification both engines' SQL is tested against, so that passing both
 * tests means the two engines hash the same row to the same number.
 */
public final class CanonicalRowHash {
    private CanonicalRowHash() {
    }

    /** @param canonical each column's canonical text, null for SQL NULL */
    public static long of(String... canonical) {
        StringBuilder row = new StringBuilder();
        for (String c : canonical) row.append(c == null ? "-" : md5(c));
        return Long.parseLong(md5(row.toString()).substring(0, 15), 16);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
