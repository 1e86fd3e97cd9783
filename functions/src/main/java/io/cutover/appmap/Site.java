package io.cutover.appmap;

import io.cutover.instance.Engine;

/** One database an application can use (e.g. SITEA = the old primary, SITEB = the new one). */
public record Site(String name, Engine engine, String host, int port, String database, String secretArn) {
}
