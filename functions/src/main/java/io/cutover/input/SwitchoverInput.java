package io.cutover.input;

import io.cutover.instance.Engine;

import java.util.List;
import java.util.Map;

/**
 * The validated start input of a switchover (or failback) run: two sites, the direction, the
 * DMS tasks of both directions, the applications the appmap routes.
 *
 * @param sequenceBuffer  each sequence on the to-site is set at least this far past the from-site's
 * @param sentinelTable   table (in each site's schema) the run writes drain and latency sentinels to
 * @param heartbeatTable  optional: table of the heartbeat application (id, written_at, site); when
 *                        given, the run also checks that heartbeats written on the to-site reach the from-site
 */
public record SwitchoverInput(
        Engine engine,
        Direction direction,
        Map<String, SiteRef> sites,
        TwoWayDms dms,
        List<String> applications,
        long sequenceBuffer,
        String sentinelTable,
        String heartbeatTable,
        SwitchoverLimits limits) {

    public SwitchoverInput {
        sites = Map.copyOf(sites);
        applications = List.copyOf(applications);
    }

    public SiteRef fromSite() {
        return sites.get(direction.fromSite());
    }

    public SiteRef toSite() {
        return sites.get(direction.toSite());
    }

    /** The running task from the from-site to the to-site. */
    public String forwardTaskIdentifier() {
        return dms.taskIdentifiers().get(direction);
    }

    /** The task from the to-site back to the from-site (created by the run if absent). */
    public String backwardTaskIdentifier() {
        return dms.taskIdentifiers().get(direction.reversed());
    }

    /**
     * One run per pair of sites, whichever the direction: a switchover and a failback of the
     * same pair must not overlap.
     */
    public String lockId() {
        return "sites:" + sites.get(Direction.SITE_A).address() + "+" + sites.get(Direction.SITE_B).address();
    }
}
