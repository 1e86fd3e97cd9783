package io.cutover.cli;

import io.cutover.dynamo.DynamoAppMap;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;

/**
 * Where the appmap table is: its name, and DynamoDB's endpoint - AWS by default (credentials
 * and region from the SDK's usual chain), or a DynamoDB Local such as the rehearsal's. The
 * options ./appmap and ./heartbeat share (a picocli mixin).
 */
public final class AppMapLocation {
    @Option(names = "--table", paramLabel = "NAME", defaultValue = "${env:CUTOVER_APPMAP_TABLE:-cutover-appmap}",
            description = "The appmap table (default: $CUTOVER_APPMAP_TABLE, else cutover-appmap; now ${DEFAULT-VALUE}).")
    private String table;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "DynamoDB endpoint, e.g. the rehearsal's DynamoDB Local (./rehearse-twoway --hold prints it); default: AWS.")
    private URI endpointUrl;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: the SDK's usual chain).")
    private String region;

    public String table() {
        return table;
    }

    public DynamoDbClient client() {
        DynamoDbClientBuilder b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) b.region(Region.of(region));
        if (endpointUrl != null) {
            b.endpointOverride(endpointUrl);
            if (region == null) b.region(Region.US_EAST_1);
            // DynamoDB Local accepts any key; real credentials are used when there are some.
            if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null) {
                b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            }
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }

    public DynamoAppMap appMap(DynamoDbClient client) {
        return new DynamoAppMap(client, table);
    }
}
