package io.cutover.migrate.validation;

import io.cutover.instance.Engine;

/**
 * What the server can do for the row hash.
 *
 * @param versionNum  server version as a number (PostgreSQL server_version_num, Oracle major * 10000)
 * @param recordHash  whether it has a native record hash (PostgreSQL 14+: hash_record_extended)
 * @param utf8        whether strings are stored as UTF-8 (then MD5 of text hashes the same bytes on both sides)
 * @param textLobs    whether LOB columns can be rendered as canonical text whole (PostgreSQL yes; Oracle no:
 *                    its SQL strings stop at 4000 or 32767 bytes)
 */
public record ServerTraits(Engine engine, int versionNum, boolean recordHash, boolean utf8, boolean textLobs) {
}
