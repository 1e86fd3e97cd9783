package io.cutover.probe;

import io.cutover.instance.Engine;

import java.util.Map;
import java.util.Optional;

/**
 * Where a run's logical slot lives, as the run item records it next to the slot's name, so the
 * clean-up can reach the source after the run without its start input: the address and the
 * Secrets Manager ARN of the credentials (never the credentials).
 */
public final class SlotLocation {
    private SlotLocation() {
    }

    /** Run item resource: "host:port/database" of the server the slot recorded as {@code slotResource} is on. */
    public static String sourceKey(String slotResource) {
        return slotResource + "Source";
    }

    /** Run item resource: the Secrets Manager ARN of the server the slot recorded as {@code slotResource} is on. */
    public static String secretKey(String slotResource) {
        return slotResource + "SecretArn";
    }

    public static String address(DbConnection source) {
        return source.host() + ":" + source.port() + "/" + source.database();
    }

    /**
     * The run item resources of a slot, recorded in one write: {@code slot} under {@code slotResource}
     * and where that slot is.
     */
    public static Map<String, String> of(String slotResource, String slot, DbConnection source) {
        return Map.of(slotResource, slot, sourceKey(slotResource), address(source), secretKey(slotResource), source.secretArn());
    }

    /**
     * The source recorded with the slot under {@code slotResource} ({@link #of}); empty when the run
     * recorded none (runs before this was recorded).
     */
    public static Optional<DbConnection> recorded(Map<String, String> resources, Engine engine, String slotResource) {
        String address = resources.get(sourceKey(slotResource));
        String secret = resources.get(secretKey(slotResource));
        if (address == null || secret == null) return Optional.empty();
        int colon = address.lastIndexOf(':');
        int slash = address.indexOf('/', colon);
        if (colon <= 0 || slash < 0) {
            throw new IllegalArgumentException(sourceKey(slotResource) + " '" + address + "' is not host:port/database");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sourceKey(slotResource) + " '" + address + "' has no port number");
        }
        return Optional.of(new DbConnection(engine, address.substring(0, colon), port, address.substring(slash + 1), secret));
    }
}
