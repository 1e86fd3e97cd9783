package io.cutover.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.replication.S3EndpointSpec;
import io.cutover.replication.S3EndpointSpec.DataFormat;
import io.cutover.replication.S3EndpointSpec.EncryptionMode;
import org.junit.jupiter.api.Test;

import static io.cutover.aws.StubAws.JSON_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 target endpoint as DMS's API model takes it (every request checked by StubAws against the model). */
class DmsS3EndpointTest extends DmsAdapterTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/cutover-dms-s3-orders";
    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String ARN = "arn:aws:dms:eu-west-1:123456789012:endpoint:S3T5K8M2Q4X6Z1N3B7V9C0D2FH";


    @Test
    void aParquetTargetWithKmsAndTransactionOrderedChanges() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint-s3.json");

        String arn = dms.createS3Endpoint(new S3EndpointSpec("run-42-s3", "orders-lake", "dms/run-42", DataFormat.PARQUET,
                "changes", true, "dms_commit_ts", EncryptionMode.SSE_KMS, KEY, ROLE, true, "123456789012", "run-42"));

        assertEquals(ARN, arn);
        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.CreateEndpoint", r.target());
        JsonNode body = r.json();
        assertEquals("target", body.path("EndpointType").asText());
        assertEquals("s3", body.path("EngineName").asText());
        JsonNode s3 = body.path("S3Settings");
        assertEquals("orders-lake", s3.path("BucketName").asText());
        assertEquals("dms/run-42", s3.path("BucketFolder").asText());
        assertEquals(ROLE, s3.path("ServiceAccessRoleArn").asText());
        assertEquals("parquet", s3.path("DataFormat").asText());
        assertEquals("sse-kms", s3.path("EncryptionMode").asText());
        assertEquals(KEY, s3.path("ServerSideEncryptionKmsKeyId").asText());
        assertTrue(s3.path("IncludeOpForFullLoad").asBoolean());
        assertEquals("dms_commit_ts", s3.path("TimestampColumnName").asText());
        assertEquals("changes", s3.path("CdcPath").asText());
        assertTrue(s3.path("PreserveTransactions").asBoolean());
        assertEquals("123456789012", s3.path("ExpectedBucketOwner").asText());
        assertFalse(s3.has("AddColumnName"), "parquet carries its column names");
        assertFalse(body.has("PostgreSQLSettings") || body.has("DatabaseName") || body.has("Password"));
        assertEquals("run-42", body.path("Tags").findValues("Value").stream()
                .map(JsonNode::asText).filter("run-42"::equals).findFirst().orElseThrow());
    }

    @Test
    void aCsvTargetWithSseS3HasAHeaderRowAndNoKey() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint-s3.json");

        dms.createS3Endpoint(new S3EndpointSpec("run-42-s3", "orders-lake", "dms/run-42", DataFormat.CSV,
                null, false, null, EncryptionMode.SSE_S3, null, ROLE, true, null, "run-42"));

        JsonNode s3 = aws.onlyRequest().json().path("S3Settings");
        assertEquals("csv", s3.path("DataFormat").asText());
        assertEquals("sse-s3", s3.path("EncryptionMode").asText());
        assertTrue(s3.path("AddColumnName").asBoolean());
        assertFalse(s3.has("ServerSideEncryptionKmsKeyId"));
        assertFalse(s3.has("CdcPath"));
        assertFalse(s3.has("PreserveTransactions"));
    }

    @Test
    void aBadSpecIsRefusedNamingEveryFieldBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new S3EndpointSpec("run-42-s3",
                "Orders_Lake", "/dms/", DataFormat.CSV, null, true, null, EncryptionMode.SSE_KMS, null,
                "arn:aws:iam::123:user/x", false, null, "run-42"));
        assertEquals("bucketName: 'Orders_Lake' is not an S3 bucket name (3-63 of a-z, 0-9, '.', '-'); "
                + "bucketFolder: '/dms/' must be a prefix without leading or trailing '/' (the access role is scoped to it); "
                + "cdcPath: required when preserveTransactions is on; kmsKeyArn: required for sse-kms; "
                + "serviceAccessRoleArn: 'arn:aws:iam::123:user/x' is not an IAM role ARN", e.getMessage());
        assertEquals(0, aws.requests().size());
    }
}
