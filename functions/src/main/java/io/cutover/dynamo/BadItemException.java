package io.cutover.dynamo;

/**
 * A stored item cannot be read back into the domain (hand-edited, or written by another
 * version). Names the item and the attribute, so an operator can fix the row.
 */
public class BadItemException extends IllegalStateException {
    public BadItemException(String item, String problem) {
        super(item + " in DynamoDB is malformed: " + problem);
    }

    public BadItemException(String item, String problem, Throwable cause) {
        super(item + " in DynamoDB is malformed: " + problem, cause);
    }
}
