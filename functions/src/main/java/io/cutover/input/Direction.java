package io.cutover.input;

/**
 * Which way a switchover goes between the two sites of the appmap. Failback is the same
 * runbook with the direction reversed: the task that was "backward" becomes "forward".
 */
public enum Direction {
    A_TO_B("SITEA", "SITEB"),
    B_TO_A("SITEB", "SITEA");

    public static final String SITE_A = "SITEA";
    public static final String SITE_B = "SITEB";

    private final String fromSite;
    private final String toSite;

    Direction(String fromSite, String toSite) {
        this.fromSite = fromSite;
        this.toSite = toSite;
    }

    /** The site the applications leave (writes before the run). */
    public String fromSite() {
        return fromSite;
    }

    /** The site the applications move to. */
    public String toSite() {
        return toSite;
    }

    public Direction reversed() {
        return this == A_TO_B ? B_TO_A : A_TO_B;
    }
}
