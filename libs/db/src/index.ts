export { closePool, createPool, DATABASE_DEADLINES, run, withTransaction, isSqlState, UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION, UNDEFINED_TABLE, type Pool, type PoolClient, type PoolOptions, type DatabaseDeadlines, type NamedQuery, type Queryable } from './pool';
export { isConnectionLost, isDatabaseUnavailable } from './database-unavailable';
export { retryingDeadlocks } from './deadlock-retry';
export { migrate, type MigrateOptions } from './migrate';
export { migrationDrift, requireMigratedSchema, type MigratedSchemaOptions, type MigrationDrift } from './migrated-schema';
export { connectionLoss, listen, type ListenOptions, type Subscription } from './notifications';
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './start-embedded-postgres';
export { requireReachableDatabase } from './database-reach';
export { runStandaloneMigration, type StandaloneMigration } from './standalone-migration';
