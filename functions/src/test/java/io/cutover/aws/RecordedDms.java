package io.cutover.aws;

/** The resources the recorded DMS answers under aws/dms/ name, for the requests that ask about them. */
final class RecordedDms {
    static final String INSTANCE = arn("rep:CUTOVERRI7Q3XKZ2M5N6B4V8C1D");
    static final String SOURCE_ENDPOINT = arn("endpoint:SRC4XQ2M7KZ3N5B8V1C6D9F0GH");
    static final String TARGET_ENDPOINT = arn("endpoint:TGT8M2Q4X6Z1N3B5V7C9D0F2GJ");
    static final String TASK = arn("task:TASK2K7M9Q4X6Z1N3B5V8C0D2F");
    /** What DMS reads a database's credentials with: the secret, and the role that may read it. */
    static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-dms-AbCdEf";
    static final String SECRETS_ROLE = "arn:aws:iam::123456789012:role/cutover-dms-secrets";

    private RecordedDms() {
    }

    private static String arn(String resource) {
        return "arn:aws:dms:eu-west-1:123456789012:" + resource;
    }
}
