package io.cutover.input;

/**
 * An RDS instance the run works on. Host and port come from DescribeDBInstances, not the input,
 * so they cannot disagree with what RDS says.
 *
 * @param backupRetentionPeriod replica only: days of automated backups the promoted instance keeps
 *                              (0-35); null: the source's
 */
public record DatabaseRef(String instanceId, String database, String secretArn, Integer backupRetentionPeriod) {

    public DatabaseRef(String instanceId, String database, String secretArn) {
        this(instanceId, database, secretArn, null);
    }
}
