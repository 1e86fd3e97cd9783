package io.cutover.migrate.preparation;

import java.time.Duration;
import java.util.List;

/**
 * What one drop or recreate did: the statements run (none when the object was already as wanted,
 * e.g. a retried step) and how long they took.
 */
public record AppliedChange(HeldBackObject object, List<String> statements, Duration took) {
    public AppliedChange {
        statements = List.copyOf(statements);
    }

    public boolean changed() {
        return !statements.isEmpty();
    }
}
