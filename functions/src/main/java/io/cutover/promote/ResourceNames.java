package io.cutover.promote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic names from the run id: a retried step finds what an earlier attempt created
 * instead of making a second one. A short hash keeps names distinct when slugs collide
 * (e.g. "Run_1" and "run-1").
 */
public final class ResourceNames {

    private ResourceNames() {
    }

    /** DMS identifiers: letter first; letters, digits, single hyphens; no trailing hyphen. */
    public static String targetEndpointId(String runId) {
        return "cutover-" + slug(runId) + "-target";
    }

    /** PostgreSQL: the run's own source endpoint, reading the run's slot with its decoder. */
    public static String sourceEndpointId(String runId) {
        return "cutover-" + slug(runId) + "-source";
    }

    /** Run item resource: the ARN of the source endpoint this run created. */
    public static final String SOURCE_ENDPOINT = "sourceEndpointArn";

    public static String cdcTaskId(String runId) {
        return "cutover-" + slug(runId) + "-cdc";
    }

    /** RDS snapshot identifiers follow the same rules as DMS identifiers (letter first, single hyphens). */
    public static String sourceSnapshotId(String runId) {
        return "cutover-" + slug(runId) + "-source";
    }

    /** PostgreSQL logical slot and publication: lower-case letters, digits, underscores, max 63. */
    public static String slotName(String runId) {
        return "cutover_" + slug(runId).replace('-', '_');
    }

    public static String publicationName(String runId) {
        return slotName(runId);
    }

    static String slug(String runId) {
        String s = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) s = s.substring(0, 40).replaceAll("-+$", "");
        return (s.isEmpty() ? "" : s + "-") + hash(runId);
    }

    private static String hash(String runId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
