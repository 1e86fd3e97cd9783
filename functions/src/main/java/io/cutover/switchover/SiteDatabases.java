package io.cutover.switchover;

import io.cutover.instance.Engine;

/** Picks the {@link SiteDatabase} for an engine. */
public interface SiteDatabases {
    SiteDatabase forEngine(Engine engine);
}
