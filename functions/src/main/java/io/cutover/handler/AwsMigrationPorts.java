package io.cutover.handler;

import io.cutover.aws.S3ObjectStore;
import io.cutover.migrate.s3.S3Objects;
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
                new PostgresTargetPreparation(SECRETS), new PostgresTableChecksums(SECRETS), new S3Objects() {
                    // The S3 client is built on first use: only CheckS3Output reads S3.
                    @Override
                    public java.util.List<StoredObject> list(String bucket, String prefix) {
                        return new S3ObjectStore(AwsClients.s3()).list(bucket, prefix);
                    }

                    @Override
                    public java.io.InputStream open(String bucket, String key) {
                        return new S3ObjectStore(AwsClients.s3()).open(bucket, key);
                    }
                });
    }

    public static MigrationPorts instance() {
        return Holder.PORTS;
    }
}
