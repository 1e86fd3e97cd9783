package io.cutover.switchover;

import io.cutover.runbook.Ports;

/**
 * The ports of the switchover runbook: the promote-replica ones (DMS, source probes, runs,
 * appmap, clock) plus the sites' databases. Kept apart so the promote-replica wiring is untouched.
 */
public record SwitchoverPorts(Ports core, SiteDatabases sites) {
}
