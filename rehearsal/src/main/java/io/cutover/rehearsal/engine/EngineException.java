package io.cutover.rehearsal.engine;

/** The engine could not run the execution (bad definition, refused feature, node missing, ...). */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
