package io.cutover.handler;

import io.cutover.aws.AwsClients;
import io.cutover.aws.DmsReplication;
import io.cutover.aws.RdsInstances;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.aws.SfnTaskCallbacks;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.jdbc.JdbcSettings;
import io.cutover.jdbc.JdbcSourceProbes;
import io.cutover.jdbc.KeptConnections;
import io.cutover.runbook.Ports;

import java.time.Clock;

/**
 * The ports wired to AWS, built once per Lambda container (class initialisation, outside the
 * handler method, so SnapStart snapshots them). Table names come from the environment the CDK
 * stack sets.
 */
public final class AwsPorts {
    public static final String RUNS_TABLE = "CUTOVER_RUNS_TABLE";
    public static final String APPMAP_TABLE = "CUTOVER_APPMAP_TABLE";

    private AwsPorts() {
    }

    private static final class Holder {
        static final SecretsManagerSecrets SECRETS = new SecretsManagerSecrets(AwsClients.secretsManager());
        /** The container's PostgreSQL connections, kept between its invocations (none is opened at init). */
        static final KeptConnections CONNECTIONS =
                new KeptConnections(new JdbcConnectionFactory(SECRETS, JdbcSettings.fromEnvironment()));
        static final Ports PORTS = new Ports(
                new RdsInstances(AwsClients.rds()),
                new DmsReplication(AwsClients.dms()),
                new JdbcSourceProbes(CONNECTIONS),
                new DynamoRunStore(AwsClients.dynamoDb(), env(RUNS_TABLE)),
                new DynamoAppMap(AwsClients.dynamoDb(), env(APPMAP_TABLE)),
                new SfnTaskCallbacks(AwsClients.sfn()),
                Clock.systemUTC(),
                SECRETS);
    }

    public static Ports instance() {
        return Holder.PORTS;
    }

    /** The container's kept connections: the probes' and the switchover's site work share them. */
    static KeptConnections connections() {
        return Holder.CONNECTIONS;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (the CDK stack sets it)");
        }
        return value;
    }
}
