package io.cutover.cli;

import io.cutover.dynamo.DynamoAppMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.List;

/**
 * Where the appmap table is: its name, and DynamoDB's endpoint - AWS by default (credentials
 * and region from the SDK's usual chain), or a DynamoDB Local such as the rehearsal's.
 *
 * @param endpointUrl null for AWS
 */
record AppMapLocation(String table, String endpointUrl, String region) {
    static final String DEFAULT_TABLE = "cutover-appmap";

    /** Takes --table, --endpoint-url and --region out of {@code args}. */
    static AppMapLocation from(List<String> args) {
        String table = take(args, "--table", System.getenv().getOrDefault("CUTOVER_APPMAP_TABLE", DEFAULT_TABLE));
        String endpoint = take(args, "--endpoint-url", null);
        String region = take(args, "--region", null);
        return new AppMapLocation(table, endpoint, region);
    }

    DynamoDbClient client() {
        DynamoDbClientBuilder b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) b.region(Region.of(region));
        if (endpointUrl != null) {
            b.endpointOverride(URI.create(endpointUrl));
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

    DynamoAppMap appMap(DynamoDbClient client) {
        return new DynamoAppMap(client, table);
    }

    static String take(List<String> args, String option, String dflt) {
        int i = args.indexOf(option);
        if (i < 0) return dflt;
        if (i + 1 >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }
}
