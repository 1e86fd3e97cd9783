package io.cutover.handler;

import io.cutover.aws.AwsCallException;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * The one rule for which failures are worth a retry by the state machine rather than a
 * rollback, whatever adapter they come from: an AWS call (named by an adapter, or a raw SDK
 * exception such as DynamoDB's) by {@link AwsCallException#isTransient(SdkException)}; a
 * network or JDBC failure by its type.
 */
final class Transience {
    private Transience() {
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsCallException aws) return aws.isTransient();
            if (t instanceof SdkException sdk) return AwsCallException.isTransient(sdk);
            if (t instanceof SocketTimeoutException || t instanceof ConnectException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }
}
