package io.cutover.status;

import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.instance.Engine;
import io.cutover.instance.InstanceDescription;
import io.cutover.probe.DbConnection;

import java.util.List;

/**
 * Where the status connects to an instance: host and port as RDS describes them (as the steps
 * do), database and secret from the caller, else from an appmap site on that endpoint - the
 * appmap already holds, for each application, the database and secret ARN of every site.
 */
final class DatabaseAddress {

    private DatabaseAddress() {
    }

    static DbConnection resolve(String role, Engine engine, InstanceDescription instance,
                                StatusRequest.DatabaseHint hint, List<Application> applications) {
        if (instance.host() == null) {
            throw new IllegalStateException(role + " " + instance.id() + " has no endpoint yet (status "
                    + instance.status() + ")");
        }
        if (hint != null && hint.complete()) {
            return new DbConnection(engine, instance.host(), instance.port(), hint.database(), hint.secretArn());
        }
        for (Application app : applications) {
            for (Site site : app.sites().values()) {
                if (instance.host().equalsIgnoreCase(site.host()) && instance.port() == site.port()) {
                    String database = hint != null && hint.database() != null ? hint.database() : site.database();
                    String secret = hint != null && hint.secretArn() != null ? hint.secretArn() : site.secretArn();
                    return new DbConnection(engine, instance.host(), instance.port(), database, secret);
                }
            }
        }
        throw new IllegalStateException("no database name and secret for " + role + " " + instance.id()
                + ": give " + role + ".database and " + role + ".secretArn, or name an application whose appmap site"
                + " points at " + instance.host() + ":" + instance.port());
    }
}
