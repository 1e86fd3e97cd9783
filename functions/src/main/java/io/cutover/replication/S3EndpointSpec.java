package io.cutover.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * A DMS S3 target endpoint to create (CreateEndpoint with EngineName s3 and S3Settings). Names and
 * values follow DMS's API model (S3Settings): DataFormat csv | parquet, EncryptionMode sse-s3 |
 * sse-kms. DMS writes {@code bucketFolder/<schema>/<table>/LOAD00000001.csv} for the full load and
 * timestamp-named files for changes; with {@code preserveTransactions} the changes go, in commit
 * order, under {@code bucketFolder/cdcPath}.
 *
 * @param bucketFolder         prefix of everything the task writes, without leading or trailing '/'
 * @param cdcPath              folder of the change files under bucketFolder (DMS requires it with
 *                             preserveTransactions); null: changes beside the full-load files
 * @param timestampColumnName  a column DMS adds with each row's commit time (full load: load time)
 * @param kmsKeyArn            the KMS key for sse-kms; must be null for sse-s3
 * @param serviceAccessRoleArn the role DMS assumes to write (infra: DmsS3AccessRole, this prefix only)
 * @param includeOpForFullLoad the full-load files carry the Op column ("I") too, as the change files do
 * @param expectedBucketOwner  account id that must own the bucket (DMS checks it before writing)
 */
public record S3EndpointSpec(
        String identifier,
        String bucketName,
        String bucketFolder,
        DataFormat dataFormat,
        String cdcPath,
        boolean preserveTransactions,
        String timestampColumnName,
        EncryptionMode encryptionMode,
        String kmsKeyArn,
        String serviceAccessRoleArn,
        boolean includeOpForFullLoad,
        String expectedBucketOwner,
        String runId) {

    public enum DataFormat {
        CSV("csv"), PARQUET("parquet");

        private final String dmsValue;

        DataFormat(String dmsValue) {
            this.dmsValue = dmsValue;
        }

        public String dmsValue() {
            return dmsValue;
        }
    }

    public enum EncryptionMode {
        SSE_S3("sse-s3"), SSE_KMS("sse-kms");

        private final String dmsValue;

        EncryptionMode(String dmsValue) {
            this.dmsValue = dmsValue;
        }

        public String dmsValue() {
            return dmsValue;
        }
    }

    public S3EndpointSpec {
        List<String> problems = problems(identifier, bucketName, bucketFolder, dataFormat, cdcPath, preserveTransactions,
                encryptionMode, kmsKeyArn, serviceAccessRoleArn);
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    }

    /** The prefix of one table's files: {@code bucketFolder/schema/table/}. */
    public String tablePrefix(String schema, String table) {
        return bucketFolder + "/" + schema + "/" + table + "/";
    }

    private static List<String> problems(String identifier, String bucketName, String bucketFolder, DataFormat dataFormat,
                                         String cdcPath, boolean preserveTransactions, EncryptionMode encryptionMode,
                                         String kmsKeyArn, String serviceAccessRoleArn) {
        List<String> p = new ArrayList<>();
        if (blank(identifier)) p.add("identifier: required");
        // S3 bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens.
        if (bucketName == null || !bucketName.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            p.add("bucketName: '" + bucketName + "' is not an S3 bucket name (3-63 of a-z, 0-9, '.', '-')");
        }
        if (blank(bucketFolder) || bucketFolder.startsWith("/") || bucketFolder.endsWith("/")) {
            p.add("bucketFolder: '" + bucketFolder + "' must be a prefix without leading or trailing '/'"
                    + " (the access role is scoped to it)");
        }
        if (dataFormat == null) p.add("dataFormat: required (csv or parquet)");
        if (cdcPath != null && (cdcPath.isBlank() || cdcPath.startsWith("/") || cdcPath.endsWith("/"))) {
            p.add("cdcPath: '" + cdcPath + "' must be a folder name without leading or trailing '/'");
        }
        if (preserveTransactions && cdcPath == null) p.add("cdcPath: required when preserveTransactions is on");
        if (encryptionMode == null) p.add("encryptionMode: required (sse-s3 or sse-kms)");
        if (encryptionMode == EncryptionMode.SSE_KMS && blank(kmsKeyArn)) p.add("kmsKeyArn: required for sse-kms");
        if (encryptionMode == EncryptionMode.SSE_S3 && kmsKeyArn != null) p.add("kmsKeyArn: only for sse-kms");
        if (serviceAccessRoleArn == null || !serviceAccessRoleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            p.add("serviceAccessRoleArn: '" + serviceAccessRoleArn + "' is not an IAM role ARN");
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
