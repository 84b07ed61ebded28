/**
 * The S3 gateway: S3 REST over HTTP and HTTPS, translated to the storage
 * and policy services' gRPC APIs.
 */
export { startGateway, type GatewayOptions, type RunningGateway } from './server';
export { loadGatewayConfig, type GatewayConfig } from './config';
export { loadOrCreateLocalCertificate, trustInstructions, type LocalCertificate } from './tls/self-signed';
export { TrustedProxies } from './http/client-address';
