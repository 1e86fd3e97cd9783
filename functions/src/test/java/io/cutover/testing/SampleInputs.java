package io.cutover.testing;

/**
 * The resources the sample start inputs of events/ name ({@link SampleEvents} loads them), for the
 * tests that set up their fakes to match: start-postgres.json's pair and source endpoint, the
 * replication instance every sample names, and start-switchover.json's two sites.
 */
public final class SampleInputs {
    public static final String SOURCE = "orders-prod";
    public static final String REPLICA = "orders-prod-replica";
    public static final String REPLICATION_INSTANCE = dmsArn("rep:ORDERSREPLINSTANCE1");
    public static final String SOURCE_ENDPOINT = dmsArn("endpoint:ORDERSPRODSOURCE01");

    public static final String SITE_A_HOST = "orders-a.abcdefghijkl.eu-west-1.rds.amazonaws.com";
    public static final String SITE_B_HOST = "orders-b.abcdefghijkl.eu-west-1.rds.amazonaws.com";
    public static final String SITE_A_SOURCE_ENDPOINT = dmsArn("endpoint:ORDERSASOURCE0001");
    public static final String SITE_A_TARGET_ENDPOINT = dmsArn("endpoint:ORDERSATARGET0001");
    public static final String SITE_B_SOURCE_ENDPOINT = dmsArn("endpoint:ORDERSBSOURCE0001");
    public static final String SITE_B_TARGET_ENDPOINT = dmsArn("endpoint:ORDERSBTARGET0001");

    private SampleInputs() {
    }

    /** The samples' account and region. */
    static String dmsArn(String resource) {
        return "arn:aws:dms:eu-west-1:123456789012:" + resource;
    }
}
