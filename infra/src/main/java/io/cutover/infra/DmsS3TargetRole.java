package io.cutover.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The role DMS assumes to write an S3 target endpoint's files (the endpoint's
 * ServiceAccessRoleArn), with least privilege on one bucket prefix: write and delete objects under
 * {@code prefix/} (DMS writes the full-load and change files, and deletes a table's files when a
 * reload starts it over), and list the bucket only under that prefix ({@code s3:prefix} condition).
 * Nothing else in the bucket, no bucket-level changes, no tagging (DMS tags objects only when a
 * table mapping's post-processing rules ask: not used here). With an SSE-KMS key, the two KMS
 * calls S3 makes for DMS's uploads on that key only. Only DMS of this account may assume it
 * ({@code aws:SourceAccount}, against the confused deputy).
 */
public final class DmsS3TargetRole extends Construct {
    public static final String CTX_BUCKET = "cutover:s3TargetBucket";
    public static final String CTX_PREFIX = "cutover:s3TargetPrefix";
    public static final String CTX_KMS_KEY = "cutover:s3TargetKmsKeyArn";

    public final Role role;
    /** arn:partition:s3:::bucket, and the deployed prefix (the endpoints' BucketFolder or a parent of it). */
    public final String bucketArn;
    public final String bucket;
    public final String prefix;

    /**
     * @param prefix    the endpoint's BucketFolder (no leading or trailing '/')
     * @param kmsKeyArn the SSE-KMS key of the endpoint; null for SSE-S3
     */
    public DmsS3TargetRole(Construct scope, String id, String bucket, String prefix, String kmsKeyArn) {
        super(scope, id);
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException(CTX_BUCKET + ": '" + bucket + "' is not an S3 bucket name");
        }
        if (prefix == null || prefix.isBlank() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("*")) {
            throw new IllegalArgumentException(CTX_PREFIX + ": '" + prefix + "' must be a folder without leading or"
                    + " trailing '/' or wildcards: the role is scoped to it");
        }
        String partition = Stack.of(this).getPartition();
        this.bucketArn = "arn:" + partition + ":s3:::" + bucket;
        this.bucket = bucket;
        this.prefix = prefix;
        List<PolicyStatement> statements = new ArrayList<>(List.of(
                PolicyStatement.Builder.create().sid("WriteUnderPrefix").effect(Effect.ALLOW)
                        .actions(List.of("s3:PutObject", "s3:DeleteObject"))
                        .resources(List.of(bucketArn + "/" + prefix + "/*")).build(),
                PolicyStatement.Builder.create().sid("ListPrefixOnly").effect(Effect.ALLOW)
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(bucketArn))
                        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "/*", prefix))))
                        .build()));
        if (kmsKeyArn != null) {
            statements.add(PolicyStatement.Builder.create().sid("EncryptWithTheEndpointsKey").effect(Effect.ALLOW)
                    .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                    .resources(List.of(kmsKeyArn))
                    .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Stack.of(this).getRegion() + ".amazonaws.com")))
                    .build());
        }
        role = Role.Builder.create(this, "Role")
                .description("DMS writes the S3 target endpoint's files under s3://" + bucket + "/" + prefix + "/ (cutover)")
                .assumedBy(new ServicePrincipal("dms.amazonaws.com").withConditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()))))
                .inlinePolicies(Map.of("S3TargetPrefix", PolicyDocument.Builder.create().statements(statements).build()))
                .build();
        NagRules.suppress(this, bucket, prefix);
    }

    /** The role when the deploy names an S3 target bucket (CDK context), else null. */
    public static DmsS3TargetRole fromContext(Construct scope, String id) {
        Object bucket = scope.getNode().tryGetContext(CTX_BUCKET);
        if (bucket == null) return null;
        Object prefix = scope.getNode().tryGetContext(CTX_PREFIX);
        Object key = scope.getNode().tryGetContext(CTX_KMS_KEY);
        return new DmsS3TargetRole(scope, id, bucket.toString(), prefix == null ? null : prefix.toString(),
                key == null ? null : key.toString());
    }
}
