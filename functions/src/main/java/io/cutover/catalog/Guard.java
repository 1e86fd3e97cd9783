package io.cutover.catalog;

/**
 * A condition a call's policy statement puts on it, beyond action and resource. The CDK stack
 * turns each into IAM condition keys; the iam-check gives each call the request context that
 * satisfies it, and the declared-calls test checks the code sends what the guard expects.
 */
public enum Guard {
    /**
     * The request tags the new resource {@value #MANAGED_TAG_KEY}={@value #MANAGED_TAG_VALUE} and
     * uses no tag keys but {@value #MANAGED_TAG_KEY} and {@value #RUN_ID_TAG_KEY}
     * (aws:RequestTag, aws:TagKeys).
     */
    TAGS_ON_CREATE("only if the request tags it " + Guard.MANAGED_TAG_KEY + "=" + Guard.MANAGED_TAG_VALUE
            + ", with no tag keys but " + Guard.MANAGED_TAG_KEY + " and " + Guard.RUN_ID_TAG_KEY),
    /** The resource carries {@value #MANAGED_TAG_KEY}={@value #MANAGED_TAG_VALUE} (aws:ResourceTag): only what a run created. */
    MANAGED_RESOURCE("only if tagged " + Guard.MANAGED_TAG_KEY + "=" + Guard.MANAGED_TAG_VALUE),
    /** The DB instance carries the deployment's promotable tag (rds:db-tag; key and value are deploy-time context). */
    PROMOTABLE_INSTANCE("only if the instance carries the promotable tag"),
    /** The role may be passed to DMS only (iam:PassedToService). */
    PASSED_TO_DMS("only to DMS"),
    /** ListBucket only under the deployed S3 target prefix (s3:prefix). */
    S3_TARGET_PREFIX("only under the S3 target prefix");

    /** Tag on every DMS endpoint and task a run creates. */
    public static final String MANAGED_TAG_KEY = "cutover:managed";
    public static final String MANAGED_TAG_VALUE = "true";
    /** Second tag of created resources: the run that created them. */
    public static final String RUN_ID_TAG_KEY = "cutover:run-id";

    private final String description;

    Guard(String description) {
        this.description = description;
    }

    /** For people: the condition in words. */
    public String description() {
        return description;
    }
}
