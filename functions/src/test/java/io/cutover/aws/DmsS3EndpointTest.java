package io.cutover.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.replication.S3EndpointSpec;
import io.cutover.replication.S3EndpointSpec.DataFormat;
import io.cutover.replication.S3EndpointSpec.EncryptionMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.cutover.aws.StubAws.JSON_1_1;
import static java.util.Map.entry;
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
        r.assertJson(Map.ofEntries(entry("/EndpointType", "target"), entry("/EngineName", "s3"),
                entry("/S3Settings/BucketName", "orders-lake"), entry("/S3Settings/BucketFolder", "dms/run-42"),
                entry("/S3Settings/ServiceAccessRoleArn", ROLE), entry("/S3Settings/DataFormat", "parquet"),
                entry("/S3Settings/EncryptionMode", "sse-kms"), entry("/S3Settings/ServerSideEncryptionKmsKeyId", KEY),
                entry("/S3Settings/TimestampColumnName", "dms_commit_ts"), entry("/S3Settings/CdcPath", "changes"),
                entry("/S3Settings/ExpectedBucketOwner", "123456789012")));
        JsonNode body = r.json();
        JsonNode s3 = body.path("S3Settings");
        assertTrue(s3.path("IncludeOpForFullLoad").asBoolean());
        assertTrue(s3.path("PreserveTransactions").asBoolean());
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
