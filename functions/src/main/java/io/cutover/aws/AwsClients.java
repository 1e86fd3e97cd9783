package io.cutover.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS clients of a Lambda container, each built once on first use (a handler's no-argument
 * constructor calls e.g. {@link #rds()}, so SnapStart snapshots built clients).
 *
 * <p>Region: {@code AWS_REGION} (always set in Lambda), else the SDK's default chain.
 * Credentials: the SDK's default chain (SnapStart serves them from the container endpoint, not
 * from environment variables). Endpoint override: the SDK itself honours
 * {@code AWS_ENDPOINT_URL_RDS}, {@code AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE},
 * {@code AWS_ENDPOINT_URL_SFN}, {@code AWS_ENDPOINT_URL_CLOUDWATCH}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER},
 * {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code AWS_ENDPOINT_URL} (and the {@code aws.endpointUrl*}
 * system properties), so nothing here overrides endpoints.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static RdsClient rds() { return Rds.CLIENT; }

    public static DatabaseMigrationClient dms() { return Dms.CLIENT; }

    public static SecretsManagerClient secretsManager() { return SecretsManager.CLIENT; }

    public static CloudWatchClient cloudWatch() { return CloudWatch.CLIENT; }

    public static SfnClient sfn() { return Sfn.CLIENT; }

    public static DynamoDbClient dynamoDb() { return DynamoDb.CLIENT; }

    /** S3, to read a DMS S3 target's output back ({@code AWS_ENDPOINT_URL_S3} overrides its endpoint). */
    public static S3Client s3() { return S3.CLIENT; }

    /** Applies the shared HTTP client, credentials and region to any sync client builder. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        builder.httpClient(Shared.HTTP).credentialsProvider(Shared.CREDENTIALS);
        String region = System.getenv("AWS_REGION");
        if (region != null && !region.isBlank()) builder.region(Region.of(region));
        return builder.build();
    }

    // One holder per client: a container only pays for the clients its handler uses.
    private static final class Shared {
        static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();
        static final AwsCredentialsProvider CREDENTIALS = DefaultCredentialsProvider.builder().build();
    }

    private static final class Rds {
        static final RdsClient CLIENT = build(RdsClient.builder());
    }

    private static final class Dms {
        static final DatabaseMigrationClient CLIENT = build(DatabaseMigrationClient.builder());
    }

    private static final class SecretsManager {
        static final SecretsManagerClient CLIENT = build(SecretsManagerClient.builder());
    }

    private static final class CloudWatch {
        static final CloudWatchClient CLIENT = build(CloudWatchClient.builder());
    }

    private static final class Sfn {
        static final SfnClient CLIENT = build(SfnClient.builder());
    }

    private static final class DynamoDb {
        static final DynamoDbClient CLIENT = build(DynamoDbClient.builder());
    }

    private static final class S3 {
        static final S3Client CLIENT = build(S3Client.builder());
    }
}
