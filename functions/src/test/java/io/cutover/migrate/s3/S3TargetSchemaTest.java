package io.cutover.migrate.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import io.cutover.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/schemas/s3-target.schema.json, the fragment the migration's start input references for its
 * S3 target, loaded as the input schemas are (draft 2020-12, with common.schema.json beside it).
 */
class S3TargetSchemaTest {
    private static final Schema SCHEMA = SchemaRegistry.withDialect(
                    Dialect.builder(Dialects.getDraft202012()).keyword(new AnnotationKeyword("errorMessage")).build())
            .getSchema(SchemaLocation.of("classpath:io/cutover/input/schemas/s3-target.schema.json"));

    private static List<String> problems(String json) throws Exception {
        JsonNode doc = Json.mapper().readTree(json);
        TreeSet<String> out = new TreeSet<>();
        for (Error e : SCHEMA.validate(doc)) out.add(e.getInstanceLocation() + " " + e.getKeyword());
        return List.copyOf(out);
    }

    @Test
    void aCompleteTargetPasses() throws Exception {
        assertEquals(List.of(), problems("""
                {"bucketName": "orders-lake", "bucketFolder": "dms/orders-2026-11-30", "dataFormat": "parquet",
                 "cdcPath": "changes", "preserveTransactions": true, "timestampColumnName": "dms_commit_ts",
                 "includeOpForFullLoad": true, "encryptionMode": "sse-kms",
                 "kmsKeyArn": "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                 "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3-orders",
                 "expectedBucketOwner": "123456789012", "taskSettings": {"TargetMetadata": {"LobMaxSize": 64}}}"""));
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        List<String> p = problems("""
                {"bucketName": "Orders_Lake", "bucketFolder": "/dms/", "dataFormat": "json", "encryptionMode": "sse-kms",
                 "preserveTransactions": true, "serviceAccessRoleArn": "arn:aws:iam::123456789012:user/me",
                 "secretKey": "x"}""");
        // Instance locations as JSON pointers ("" is the document): the credential-like field, the two
        // conditional requirements (cdcPath with preserveTransactions, kmsKeyArn with sse-kms), four bad values.
        assertEquals(List.of(" additionalProperties", " propertyNames", " required", "/bucketFolder pattern",
                "/bucketName pattern", "/dataFormat enum", "/serviceAccessRoleArn pattern"), p);
        assertEquals(List.of(" not"), problems("""
                {"bucketName": "orders-lake", "bucketFolder": "dms", "encryptionMode": "sse-s3",
                 "kmsKeyArn": "arn:aws:kms:eu-west-1:123456789012:key/1a2b",
                 "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/r"}"""), "a KMS key only with sse-kms");
    }
}
