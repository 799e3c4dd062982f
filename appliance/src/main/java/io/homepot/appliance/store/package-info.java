/**
 * Storage: one store class per table or aggregate, each holding all the SQL for it.
 *
 * <h2>Backends</h2>
 * {@link io.homepot.appliance.store.Database} opens an embedded H2 file database in the data dir
 * ({@code MODE=PostgreSQL}) by default, or PostgreSQL when {@code HOMEPOT_DB_URL} is set. The Flyway
 * migrations in {@code db/migration} use only the SQL subset both understand, so the same scripts run
 * unchanged on both. On PostgreSQL the TimescaleDB extension is detected at run time
 * ({@code select extname from pg_extension}) and {@code metric_samples} becomes a hypertable when present.
 *
 * <h2>Storage tiers (the plan)</h2>
 * Stores receive a {@link io.homepot.appliance.store.Database} and speak plain JDBC; nothing above this
 * package sees SQL. That keeps a second tier possible without touching the API or ingest code:
 * H2 stays the local <em>hot tier</em> (recent days of samples, device registry, AI tables) and an
 * <em>outbox</em>: rows committed locally are later shipped, in order, to a PostgreSQL/TimescaleDB
 * system of record by a forwarder that reads {@code metric_samples}/{@code device_events} past a
 * high-water mark. Queries for ranges older than the hot window would then be routed by the store
 * (e.g. {@link io.homepot.appliance.store.SampleStore#series}) to the system of record. Because both
 * tiers share one schema, the forwarder is a straight {@code INSERT ... SELECT}-style copy.
 *
 * <h2>Conventions</h2>
 * Timestamps are {@code TIMESTAMP WITH TIME ZONE} bound as {@link java.time.OffsetDateTime} in UTC;
 * JSON documents are {@code TEXT}; ids are {@code BIGINT} identities. SQL failures surface as
 * {@link io.homepot.appliance.store.StoreException}. Methods taking a {@link java.sql.Connection}
 * join the caller's transaction (see {@link io.homepot.appliance.store.Database#inTransaction}).
 */
package io.homepot.appliance.store;
