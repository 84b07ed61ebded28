export { startStorageService, migrateStorage, STORAGE_MIGRATIONS, STORAGE_SERVICE_NAME, type StorageServiceOptions, type RunningStorage } from './server';
export { loadStorageConfig, type StorageConfig } from './config';
export type { SweepResult } from './blob-sweeper';
