package io.cutover.switchover;

/**
 * A sequence and the value it would hand out next. Read from the catalog, so for cached
 * sequences it can be ahead of what was used (Oracle LAST_NUMBER): ahead is the safe side.
 */
public record SequenceValue(String name, long next, long maxValue) {
}
