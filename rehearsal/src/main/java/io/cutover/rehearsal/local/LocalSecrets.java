package io.cutover.rehearsal.local;

import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets Manager for the rehearsal: credentials by ARN, in memory, never printed. */
public final class LocalSecrets implements Secrets {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    private final Map<String, DbCredentials> secrets = new ConcurrentHashMap<>();

    /** @return the ARN under which the credentials can be read */
    public String register(String name, DbCredentials credentials) {
        String arn = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rehearsal/" + name + "-AbCdEf";
        secrets.put(arn, credentials);
        return arn;
    }

    @Override
    public DbCredentials credentials(String secretArn) {
        DbCredentials c = secrets.get(secretArn);
        if (c == null) throw new IllegalArgumentException("Secrets Manager can't find the specified secret: " + secretArn);
        return c;
    }
}
