export { createTestDatabase, type TestDatabase } from './test-database';
export { testCredentials, type TestCredential } from './test-credentials';
export { until } from './until';
export { rejectionOf } from './rejection-of';
export { startPostgresProxy, type PostgresProxy } from './postgres-proxy';
export { nonLoopbackAddress } from './non-loopback-address';
export { testCertificate, testCertificateFiles, type TestCertificate, type TestCertificateFiles } from './test-certificate';
