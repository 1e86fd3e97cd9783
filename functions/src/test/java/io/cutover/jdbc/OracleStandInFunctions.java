package io.cutover.jdbc;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Stand-ins for Oracle functions H2 lacks, registered as H2 aliases by
 * {@code oracle/standin-migration-schema.sql}. Each follows Oracle's documented result for the
 * inputs the adapters give it; none is Oracle.
 */
public final class OracleStandInFunctions {
    private OracleStandInFunctions() {
    }

    /** STANDARD_HASH(expr, 'MD5'): the digest of the string's bytes in the database character set (AL32UTF8). */
    public static byte[] standardHash(String value, String method) throws NoSuchAlgorithmException {
        if (value == null) return null;
        return MessageDigest.getInstance(method).digest(value.getBytes(StandardCharsets.UTF_8));
    }

    /** TO_NUMBER(text, fmt): a hexadecimal format of X's reads hex; anything else reads a plain decimal. */
    public static BigDecimal toNumber(String text, String format) {
        if (text == null) return null;
        if (format != null && format.chars().allMatch(ch -> ch == 'X' || ch == 'x')) return new BigDecimal(new BigInteger(text, 16));
        return new BigDecimal(text.trim());
    }

    /** SYS_EXTRACT_UTC(timestamp with time zone): the UTC date and time, without zone. */
    public static LocalDateTime sysExtractUtc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** FROM_TZ(timestamp, zone): the timestamp read in the named zone. */
    public static OffsetDateTime fromTz(LocalDateTime t, String zone) {
        return t == null ? null : t.atZone(ZoneId.of(zone)).toOffsetDateTime();
    }

    /**
     * DBMS_LOB.GETLENGTH of a CLOB: its length in characters. H2 dispatches aliases by argument
     * count only, so the stand-in takes CLOBs alone (Oracle's BLOB case, bytes, runs the same SQL).
     */
    public static Long getLength(Clob lob) throws SQLException, IOException {
        if (lob == null) return null;
        try (Reader r = lob.getCharacterStream()) {
            return r.transferTo(java.io.Writer.nullWriter());
        }
    }
}
