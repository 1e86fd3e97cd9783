package io.cutover.handler;

import io.cutover.aws.AwsClients;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.jdbc.JdbcSiteDatabases;
import io.cutover.switchover.SwitchoverPorts;

/** The switchover's ports wired to AWS, built once per Lambda container (SnapStart), like {@link AwsPorts}. */
public final class AwsSwitchoverPorts {

    private AwsSwitchoverPorts() {
    }

    private static final class Holder {
        static final SwitchoverPorts PORTS = new SwitchoverPorts(AwsPorts.instance(),
                new JdbcSiteDatabases(new SecretsManagerSecrets(AwsClients.secretsManager())));
    }

    public static SwitchoverPorts instance() {
        return Holder.PORTS;
    }
}
