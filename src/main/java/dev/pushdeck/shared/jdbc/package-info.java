/**
 * Helpers for the repositories' JdbcClient queries: {@link dev.pushdeck.shared.jdbc.RecordRows} maps
 * rows onto records by column name (docs/decisions/014-record-row-mapping.md).
 */
@org.springframework.modulith.NamedInterface("jdbc")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared.jdbc;
