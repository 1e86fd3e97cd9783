package io.cutover.catalog;

/** Who invokes a step's function. */
public enum Invocation {
    /** A Task state of a state machine (its ASL file names the function). */
    STATE_MACHINE,
    /** An EventBridge rule, asynchronously; what still fails after Lambda's retries goes to a queue. */
    EVENT_RULE,
    /** Operators, with {@code aws lambda invoke} or a command of this repository. */
    OPERATOR
}
