package io.cutover.handler;

import io.cutover.aws.AwsCallException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Which failures are worth a retry by the state machine rather than a rollback. */
final class Transience {
    private Transience() {
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsCallException aws && aws.isTransient()) return true;
            if (t instanceof SocketTimeoutException || t instanceof ConnectException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }
}
