package io.cutover.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The two DynamoDB tables. On-demand (a cutover writes a few hundred items, then nothing for
 * weeks), point-in-time recovery, encrypted with the AWS managed key (callers need no KMS
 * grant). Table names are generated and handed to the functions in environment variables.
 */
public final class Tables extends Construct {

    public static final String RUNS_TABLE_ENV = "CUTOVER_RUNS_TABLE";
    public static final String APPMAP_TABLE_ENV = "CUTOVER_APPMAP_TABLE";

    /** Run items, step history, lock items and waiting task tokens; items expire through {@code ttl}. */
    public final Table runs;
    /** Which database each application uses; applications read it, so it outlives the stack. */
    public final Table appMap;

    public Tables(Construct scope, String id) {
        super(scope, id);
        runs = Table.Builder.create(this, "Runs")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .timeToLiveAttribute("ttl")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                // Run state is operational; the audit trail is the execution history and the logs.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        appMap = Table.Builder.create(this, "AppMap")
                .partitionKey(Attribute.builder().name("app").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                // Applications find their database here: deleting the stack must not take it away.
                .removalPolicy(RemovalPolicy.RETAIN)
                .deletionProtection(true)
                .build();
    }
}
