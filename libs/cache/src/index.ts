export { BoundedCache } from './bounded-cache';
export { ExpiringCache, type ExpiringCacheOptions, type SecretValues } from './expiring-cache';
