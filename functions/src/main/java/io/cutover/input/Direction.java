package io.cutover.input;

/**
 * Which way a switchover goes between the two sites of the appmap. Failback is the same
 * runbook with the direction reversed: the task that was "backward" becomes "forward".
 */
public enum Direction {
    A_TO_B,
    B_TO_A;

    public static final String SITE_A = "SITEA";
    public static final String SITE_B = "SITEB";

    /** The site the applications leave (writes before the run). */
    public String fromSite() {
        return this == A_TO_B ? SITE_A : SITE_B;
    }

    /** The site the applications move to: the one the reverse direction leaves. */
    public String toSite() {
        return reversed().fromSite();
    }

    public Direction reversed() {
        return this == A_TO_B ? B_TO_A : A_TO_B;
    }
}
