package io.cutover.handler;

import io.cutover.jdbc.JdbcSiteDatabases;
import io.cutover.switchover.SwitchoverPorts;

/** The switchover's ports wired to AWS, built once per Lambda container (SnapStart), like {@link AwsPorts}. */
public final class AwsSwitchoverPorts {

    private AwsSwitchoverPorts() {
    }

    private static final class Holder {
        static final SwitchoverPorts PORTS = new SwitchoverPorts(AwsPorts.instance(),
                new JdbcSiteDatabases(AwsPorts.connections()));
    }

    public static SwitchoverPorts instance() {
        return Holder.PORTS;
    }
}
