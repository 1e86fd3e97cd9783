package io.cutover.migrate.validation;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.util.Map;

/** One {@link TableChecksums} per engine, chosen by the connection's engine (an Oracle source beside a PostgreSQL target). */
public final class EngineTableChecksums implements TableChecksums {
    private final Map<Engine, TableChecksums> byEngine;

    public EngineTableChecksums(Map<Engine, TableChecksums> byEngine) {
        this.byEngine = Map.copyOf(byEngine);
    }

    @Override
    public ChecksumSession open(DbConnection db) {
        TableChecksums c = byEngine.get(db.engine());
        if (c == null) throw new IllegalStateException("no table checksums for " + db.engine() + " (" + db.host() + ")");
        return c.open(db);
    }
}
