package io.cutover.instance;

import java.util.Optional;

/** Port: the database instances (RDS in AWS, PostgreSQL servers locally). */
public interface DatabaseInstances {

    /** Describes one instance; empty if it does not exist. */
    Optional<InstanceDescription> describe(String instanceId);

    /**
     * Starts promoting a read replica to a standalone instance (RDS PromoteReadReplica).
     *
     * @param backupRetentionDays automated backups the promoted instance keeps: sent explicitly,
     *                            because PromoteReadReplica's default is 1 day
     */
    void promote(String instanceId, int backupRetentionDays);
}
