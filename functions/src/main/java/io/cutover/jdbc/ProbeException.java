package io.cutover.jdbc;

/** A probe could not get its answer from the database. The message names the question and the server, never credentials. */
public class ProbeException extends RuntimeException {
    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProbeException(String message) {
        super(message);
    }
}
