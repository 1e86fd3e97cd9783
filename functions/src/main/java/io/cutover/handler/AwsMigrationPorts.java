package io.cutover.handler;

import io.cutover.aws.S3ObjectStore;
import io.cutover.aws.AwsClients;
import io.cutover.aws.CloudWatchTaskMetrics;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.instance.Engine;
import io.cutover.jdbc.JdbcSiteDatabases;
import io.cutover.jdbc.OracleMigrationCatalog;
import io.cutover.jdbc.OracleTableChecksums;
import io.cutover.jdbc.PostgresMigrationCatalog;
import io.cutover.jdbc.PostgresTableChecksums;
import io.cutover.jdbc.PostgresTargetPreparation;
import io.cutover.migrate.catalog.MigrationCatalogs;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.validation.EngineTableChecksums;

import java.util.Map;

/**
 * The migration's ports wired to AWS, built once per Lambda container (SnapStart), like
 * {@link AwsPorts}. Catalog and checksums per engine (an Oracle source, a PostgreSQL target);
 * the target's preparation is PostgreSQL's.
 */
public final class AwsMigrationPorts {

    private AwsMigrationPorts() {
    }

    private static final class Holder {
        static final SecretsManagerSecrets SECRETS = new SecretsManagerSecrets(AwsClients.secretsManager());
        static final MigrationPorts PORTS = new MigrationPorts(AwsPorts.instance(), new JdbcSiteDatabases(SECRETS),
                new CloudWatchTaskMetrics(AwsClients.cloudWatch()), new MigrationCatalogs(Map.of(Engine.POSTGRES, new PostgresMigrationCatalog(SECRETS),
                        Engine.ORACLE, new OracleMigrationCatalog(SECRETS))),
                new PostgresTargetPreparation(SECRETS), new EngineTableChecksums(Map.of(Engine.POSTGRES,
                        new PostgresTableChecksums(SECRETS), Engine.ORACLE, new OracleTableChecksums(SECRETS))),
                new S3ObjectStore(AwsClients::s3));
    }

    public static MigrationPorts instance() {
        return Holder.PORTS;
    }
}
