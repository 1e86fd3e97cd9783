package io.cutover.status;

import io.cutover.instance.InstanceDescription;

import java.util.List;

/**
 * One DB instance as RDS describes it, with its role in the pair.
 *
 * @param role     primary | replica of X | promoted (the pair's replica, now standalone)
 * @param endpoint host:port; null while RDS has none (creating)
 */
public record InstanceStatus(
        String id,
        String status,
        String engine,
        String role,
        String replicaOf,
        List<String> replicas,
        boolean multiAz,
        String endpoint,
        String arn) {

    /**
     * @param pairReplica true for the instance named as the pair's replica: standalone, it has
     *                    been promoted; a standalone source is simply the primary
     */
    public static InstanceStatus of(InstanceDescription d, boolean pairReplica) {
        String role = d.isReplica() ? "replica of " + d.replicaSourceId() : pairReplica ? "promoted" : "primary";
        return new InstanceStatus(d.id(), d.status(), d.engine(), role, d.replicaSourceId(), d.replicaIds(),
                d.multiAz(), d.host() == null ? null : d.host() + ":" + d.port(), d.arn());
    }
}
