package io.cutover.migrate.validation;

import io.cutover.probe.DbConnection;

/**
 * Port: row counts and row hashes of one database, over primary-key ranges. Each validation worker
 * opens its own session (one connection) and reuses it for many ranges. Adapters:
 * {@code io.cutover.jdbc.PostgresTableChecksums}, {@code io.cutover.jdbc.OracleTableChecksums}.
 */
public interface TableChecksums {

    ChecksumSession open(DbConnection db);
}
