package io.cutover.handler;

import io.cutover.aws.AwsClients;
import io.cutover.aws.DmsReplicationStatus;
import io.cutover.aws.RdsInstances;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.jdbc.JdbcDatabaseStatusProbes;
import io.cutover.jdbc.JdbcSourceProbes;
import io.cutover.status.StatusPorts;

import java.time.Clock;

/**
 * The status's ports wired to AWS: the same RDS, DynamoDB and JDBC adapters as the steps, plus
 * the read-only DMS and database status adapters. Built once per container (SnapStart), and
 * by the status command when it runs against AWS with the caller's credentials.
 */
public final class AwsStatusPorts {

    private AwsStatusPorts() {
    }

    private static final class Holder {
        static final StatusPorts PORTS = create(env(AwsPorts.RUNS_TABLE), env(AwsPorts.APPMAP_TABLE));
    }

    public static StatusPorts instance() {
        return Holder.PORTS;
    }

    /** Ports on AWS for the given tables (credentials and region: the SDK's default chains). */
    public static StatusPorts create(String runsTable, String appMapTable) {
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(AwsClients.secretsManager());
        return new StatusPorts(
                new RdsInstances(AwsClients.rds()),
                new JdbcSourceProbes(new JdbcConnectionFactory(secrets, JdbcDatabaseStatusProbes.statusSettings())),
                new JdbcDatabaseStatusProbes(secrets),
                new DmsReplicationStatus(AwsClients.dms(), new io.cutover.aws.CloudWatchTaskMetrics(AwsClients.cloudWatch())),
                new DynamoRunStore(AwsClients.dynamoDb(), runsTable),
                new DynamoAppMap(AwsClients.dynamoDb(), appMapTable),
                Clock.systemUTC());
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (the CDK stack sets it)");
        }
        return value;
    }
}
