package io.cutover.migrate.preflight;

import java.util.List;

/**
 * Where a database's engine parameters are changed, so a finding can give the exact command:
 * an RDS DB parameter group, an Aurora DB cluster parameter group, or the server itself.
 */
public sealed interface ParameterHome {

    /**
     * Commands that set the parameter and bring it into effect.
     *
     * @param needsRestart whether the parameter is static (a reboot or restart applies it)
     */
    List<String> set(String parameter, String value, boolean needsRestart);

    /** An RDS DB instance and its DB parameter group. */
    record RdsInstance(String instanceId, String parameterGroup) implements ParameterHome {
        @Override
        public List<String> set(String parameter, String value, boolean needsRestart) {
            return ParameterHome.awsCommands("modify-db-parameter-group --db-parameter-group-name", parameterGroup,
                    "aws rds create-db-parameter-group --db-parameter-group-name <new-group> --db-parameter-group-family <family>"
                            + " --description \"custom parameters of " + instanceId + "\"",
                    "aws rds modify-db-instance --db-instance-identifier " + instanceId
                            + " --db-parameter-group-name <new-group> --apply-immediately",
                    parameter, value, needsRestart, instanceId);
        }
    }

    /** An Aurora DB cluster and its cluster parameter group; the writer instance is rebooted for static parameters. */
    record AuroraCluster(String clusterId, String clusterParameterGroup, String writerInstanceId) implements ParameterHome {
        @Override
        public List<String> set(String parameter, String value, boolean needsRestart) {
            return ParameterHome.awsCommands("modify-db-cluster-parameter-group --db-cluster-parameter-group-name",
                    clusterParameterGroup,
                    "aws rds create-db-cluster-parameter-group --db-cluster-parameter-group-name <new-group>"
                            + " --db-parameter-group-family <family> --description \"custom parameters of " + clusterId + "\"",
                    "aws rds modify-db-cluster --db-cluster-identifier " + clusterId
                            + " --db-cluster-parameter-group-name <new-group> --apply-immediately",
                    parameter, value, needsRestart, writerInstanceId);
        }
    }

    /** A self-managed server (not RDS): for PostgreSQL, ALTER SYSTEM then a reload or a restart. */
    record SelfManaged() implements ParameterHome {
        @Override
        public List<String> set(String parameter, String value, boolean needsRestart) {
            return List.of("ALTER SYSTEM SET " + parameter + " = '" + value + "';",
                    needsRestart ? "pg_ctl restart -D <data directory>  (a static parameter: restart the server)"
                            : "SELECT pg_reload_conf();");
        }
    }

    /** RDS refuses changes to a default.* group: a custom group is made and attached first. */
    private static List<String> awsCommands(String modifyVerb, String group, String createGroup, String attachGroup,
                                            String parameter, String value, boolean needsRestart, String rebootInstance) {
        boolean defaultGroup = group.startsWith("default.");
        String target = defaultGroup ? "<new-group>" : group;
        List<String> out = new java.util.ArrayList<>();
        if (defaultGroup) {
            out.add(createGroup);
            out.add(attachGroup);
        }
        out.add("aws rds " + modifyVerb + " " + target + " --parameters \"ParameterName=" + parameter
                + ",ParameterValue=" + value + ",ApplyMethod=" + (needsRestart ? "pending-reboot" : "immediate") + "\"");
        if (needsRestart || defaultGroup) out.add("aws rds reboot-db-instance --db-instance-identifier " + rebootInstance);
        return List.copyOf(out);
    }
}
