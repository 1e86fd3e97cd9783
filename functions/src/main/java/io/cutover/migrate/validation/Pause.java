package io.cutover.migrate.validation;

import java.time.Duration;

/** Waits between re-checks (a real sleep in production, instant in tests). */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration) throws InterruptedException;

    Pause SLEEP = d -> Thread.sleep(d.toMillis());
}
