package io.cutover.switchover;

/**
 * What advancing one sequence did.
 *
 * @param nextBefore the value it would have handed out next
 * @param nextAfter  the value it hands out next now
 * @param moved      false when it was already at or past the wanted value
 */
public record SequenceAdvance(String name, long nextBefore, long nextAfter, boolean moved) {
}
