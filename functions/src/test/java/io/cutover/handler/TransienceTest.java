package io.cutover.handler;

import io.cutover.aws.AwsCallException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One rule, whatever adapter a failure comes from (DynamoDB's adapters pass raw SDK exceptions on). */
class TransienceTest {

    private static DynamoDbException dynamo(DynamoDbException.Builder builder, String code, int status) {
        return (DynamoDbException) builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void dynamoDbThrottlingAndServerErrorsAreRetriedLikeAnyAwsCall() {
        assertTrue(Transience.isTransient(dynamo(ProvisionedThroughputExceededException.builder(),
                "ProvisionedThroughputExceededException", 400)));
        assertTrue(Transience.isTransient(dynamo(DynamoDbException.builder(), "InternalServerError", 500)));
        assertTrue(Transience.isTransient(new IllegalStateException("wrapped",
                SdkClientException.create("Unable to execute HTTP request: connect timed out"))));
    }

    @Test
    void dynamoDbRefusalsAreNot() {
        assertFalse(Transience.isTransient(dynamo(ConditionalCheckFailedException.builder(),
                "ConditionalCheckFailedException", 400)));
        assertFalse(Transience.isTransient(dynamo(DynamoDbException.builder(), "ValidationException", 400)));
    }

    @Test
    void anAdaptersOwnVerdictWinsOverItsCause() {
        DynamoDbException throttled = dynamo(ProvisionedThroughputExceededException.builder(),
                "ProvisionedThroughputExceededException", 400);
        assertFalse(Transience.isTransient(new AwsCallException("DynamoDB", "PutItem", throttled, false)));
        assertTrue(Transience.isTransient(AwsCallException.of("DynamoDB", "PutItem", throttled)));
    }

    @Test
    void networkAndJdbcFailuresByType() {
        assertTrue(Transience.isTransient(new RuntimeException(new ConnectException("refused"))));
        assertTrue(Transience.isTransient(new RuntimeException(new SQLTransientConnectionException("pool"))));
        assertFalse(Transience.isTransient(new IllegalArgumentException("bad")));
    }
}
