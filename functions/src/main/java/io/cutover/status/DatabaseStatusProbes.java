package io.cutover.status;

import io.cutover.instance.Engine;

/** Picks the status probe for an engine. */
public interface DatabaseStatusProbes {
    DatabaseStatusProbe forEngine(Engine engine);
}
