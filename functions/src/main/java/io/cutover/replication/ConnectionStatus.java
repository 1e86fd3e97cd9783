package io.cutover.replication;

/**
 * A DMS connection test result (DescribeConnections).
 *
 * @param status  testing | successful | failed | deleting
 * @param message DMS's LastFailureMessage when failed
 */
public record ConnectionStatus(String status, String message) {
    public boolean isSuccessful() { return "successful".equals(status); }
    public boolean isFailed() { return "failed".equals(status); }
    public boolean isTesting() { return "testing".equals(status); }
}
