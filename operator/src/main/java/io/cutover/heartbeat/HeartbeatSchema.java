package io.cutover.heartbeat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The heartbeat table and its sequences, identical on every site (PostgreSQL). Each site draws
 * ids from its own sequence with its own range, so two sites can never hand out the same id even
 * if both were written at once; {@code beat} comes from one sequence shared by whichever site is
 * active, so it stays unique only if the switchover sets the sequences right - it is the
 * application-style sequence the SyncSequences step exists for.
 */
public final class HeartbeatSchema {
    public static final String TABLE = "heartbeat";
    public static final String BEAT_SEQUENCE = "heartbeat_beat_seq";
    /** Ids of rows written on SITEB start here; SITEA's stay below. */
    public static final long SITE_B_FIRST_ID = 1_000_000_001L;

    private HeartbeatSchema() {
    }

    /** The per-site id sequence, e.g. heartbeat_sitea_seq. */
    public static String idSequence(String site) {
        return "heartbeat_" + site.toLowerCase(Locale.ROOT) + "_seq";
    }

    private static List<String> statements() {
        return List.of(
                "CREATE SEQUENCE IF NOT EXISTS " + idSequence("SITEA") + " START 1 MINVALUE 1 MAXVALUE "
                        + (SITE_B_FIRST_ID - 1),
                "CREATE SEQUENCE IF NOT EXISTS " + idSequence("SITEB") + " START " + SITE_B_FIRST_ID + " MINVALUE "
                        + SITE_B_FIRST_ID + " MAXVALUE " + (2 * SITE_B_FIRST_ID - 2),
                "CREATE SEQUENCE IF NOT EXISTS " + BEAT_SEQUENCE,
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigint PRIMARY KEY, beat bigint NOT NULL UNIQUE,"
                        + " written_at timestamptz NOT NULL DEFAULT clock_timestamp(), site text NOT NULL, app text NOT NULL)");
    }

    /** Creates what is missing (idempotent). DMS does not replicate DDL: run it on every site. */
    public static void install(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements()) st.execute(sql);
        }
    }
}
