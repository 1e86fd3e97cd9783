package io.cutover.handler;

import io.cutover.aws.AwsClients;
import io.cutover.aws.CloudWatchTaskMetrics;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.jdbc.JdbcSiteDatabases;
import io.cutover.jdbc.PostgresMigrationCatalog;
import io.cutover.jdbc.PostgresTableChecksums;
import io.cutover.jdbc.PostgresTargetPreparation;
import io.cutover.migrate.run.MigrationPorts;

/**
 * The migration's ports wired to AWS, built once per Lambda container (SnapStart), like
 * {@link AwsPorts}. PostgreSQL only: Oracle sources come with issue 12.
 */
public final class AwsMigrationPorts {

    private AwsMigrationPorts() {
    }

    private static final class Holder {
        static final SecretsManagerSecrets SECRETS = new SecretsManagerSecrets(AwsClients.secretsManager());
        static final MigrationPorts PORTS = new MigrationPorts(AwsPorts.instance(), new JdbcSiteDatabases(SECRETS),
                new CloudWatchTaskMetrics(AwsClients.cloudWatch()), new PostgresMigrationCatalog(SECRETS),
                new PostgresTargetPreparation(SECRETS), new PostgresTableChecksums(SECRETS));
    }

    public static MigrationPorts instance() {
        return Holder.PORTS;
    }
}
