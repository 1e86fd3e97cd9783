package io.cutover.waiting;

/** What Describe says about a waited-for resource right now. */
public record WaitOutcome(State state, String detail) {
    public enum State { DONE, PENDING, FAILED }

    public static WaitOutcome done(String detail) { return new WaitOutcome(State.DONE, detail); }
    public static WaitOutcome pending(String detail) { return new WaitOutcome(State.PENDING, detail); }
    public static WaitOutcome failed(String detail) { return new WaitOutcome(State.FAILED, detail); }
}
