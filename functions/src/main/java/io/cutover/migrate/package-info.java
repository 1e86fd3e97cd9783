/**
 * The full-load-and-CDC migration runbook's domain, use cases and ports (issue 11): which tables a
 * DMS task moves ({@code mapping}), what the databases hold ({@code catalog}), the checks before
 * anything is touched ({@code preflight}), the target held back for the load ({@code preparation})
 * and the product's own row-level validation ({@code validation}). No AWS SDK, JDBC or Jackson
 * here: adapters implement the ports ({@code io.cutover.jdbc}).
 */
package io.cutover.migrate;
