package io.cutover.secrets;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a secret needs before DMS can use it for an endpoint (SecretsManagerSecretId): the keys
 * host, port, username and password. RDS- and Aurora-managed master user secrets (named
 * {@code rds!...}) hold only username and password, so DMS cannot use them
 * (security_iam_secretsmanager in the DMS user guide). Only key names are looked at.
 */
public final class EndpointSecret {
    static final List<String> KEYS = List.of("host", "port", "username", "password");

    private EndpointSecret() {
    }

    /** @param field how the secret is named in the message (e.g. "replica.secretArn") */
    public static Optional<String> problem(Secrets secrets, String field, String secretArn) {
        if (isRdsManaged(secretArn)) {
            return Optional.of(field + " " + secretArn + " is an RDS-managed master user secret: it holds no host"
                    + " and port, so a DMS endpoint cannot use it; create a secret with host, port, username and password");
        }
        Set<String> keys;
        try {
            keys = secrets.keyNames(secretArn);
        } catch (RuntimeException e) {
            return Optional.of(field + " " + secretArn + " could not be read: " + e.getMessage());
        }
        List<String> missing = KEYS.stream().filter(k -> !keys.contains(k)).toList();
        if (missing.isEmpty()) return Optional.empty();
        return Optional.of(field + " " + secretArn + " lacks " + String.join(", ", missing) + ": a DMS endpoint reads"
                + " host, port, username and password from its secret (the secret has: "
                + (keys.isEmpty() ? "no keys" : String.join(", ", new TreeSet<>(keys))) + ")");
    }

    /** RDS names the master user secrets it manages "rds!db-..." / "rds!cluster-...". */
    static boolean isRdsManaged(String secretArn) {
        int at = secretArn.indexOf(":secret:");
        return at >= 0 && secretArn.startsWith("rds!", at + ":secret:".length());
    }
}
