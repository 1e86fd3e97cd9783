package io.cutover.probe;

import io.cutover.instance.Engine;

/** Picks the probe for an engine. */
public interface SourceProbes {
    SourceProbe forEngine(Engine engine);
}
