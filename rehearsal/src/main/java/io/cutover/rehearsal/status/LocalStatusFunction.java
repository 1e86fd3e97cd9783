package io.cutover.rehearsal.status;

import io.cutover.handler.operations.StatusHandler;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.jdbc.JdbcDatabaseStatusProbes;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.runbook.Ports;
import io.cutover.status.StatusPorts;

import java.time.Clock;

/**
 * The status Lambda deployed in the local cloud: the real {@link StatusHandler} on the local
 * Lambda endpoint, over the rehearsal's RDS, DMS, Secrets Manager and DynamoDB - so
 * {@code ./status --local} invokes it exactly as an operator invokes the function in AWS.
 */
public final class LocalStatusFunction {
    public static final String NAME = "Status";

    private LocalStatusFunction() {
    }

    public static StatusPorts ports(LocalCloud cloud) {
        Ports p = cloud.ports();
        return new StatusPorts(p.instances(), p.probes(), new JdbcDatabaseStatusProbes(cloud.secrets()),
                new LocalReplicationStatus(cloud.replication(),
                        new JdbcConnectionFactory(cloud.secrets(), JdbcDatabaseStatusProbes.statusSettings())),
                p.runs(), p.appMap(), Clock.systemUTC());
    }

    /** Registers the function; @return its name on the endpoint */
    public static String deploy(LocalCloud cloud) {
        cloud.endpoint().register(NAME, new StatusHandler(ports(cloud)));
        return NAME;
    }
}
