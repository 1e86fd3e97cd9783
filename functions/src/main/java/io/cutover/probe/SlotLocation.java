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
    /** Run item resource: "host:port/database" of the server the slot was made on. */
    public static final String SOURCE = "logicalSlotSource";
    /** Run item resource: the Secrets Manager ARN the slot's source is reached with. */
    public static final String SECRET_ARN = "logicalSlotSecretArn";

    private SlotLocation() {
    }

    public static String address(DbConnection source) {
        return source.host() + ":" + source.port() + "/" + source.database();
    }

    /** The source recorded with the slot; empty when the run recorded none (runs before this was recorded). */
    public static Optional<DbConnection> recorded(Map<String, String> resources, Engine engine) {
        String address = resources.get(SOURCE);
        String secret = resources.get(SECRET_ARN);
        if (address == null || secret == null) return Optional.empty();
        int colon = address.lastIndexOf(':');
        int slash = address.indexOf('/', colon);
        if (colon <= 0 || slash < 0) {
            throw new IllegalArgumentException(SOURCE + " '" + address + "' is not host:port/database");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SOURCE + " '" + address + "' has no port number");
        }
        return Optional.of(new DbConnection(engine, address.substring(0, colon), port, address.substring(slash + 1), secret));
    }
}
