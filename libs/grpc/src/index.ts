export { startGrpcServer, type GrpcServerOptions, type RunningGrpcServer, type AuthenticatedServer } from './server';
export { createServiceClient, domainErrorClientMiddleware, ClientError, type ServiceClientOptions } from './client';
export { authenticationMiddleware, assertPrincipal, AUTHORIZATION_METADATA, type CallerContext, type ActingPrincipal } from './auth';
export { CredentialRegistry, parseCredentialEntries, readCredentialsFile, readServiceToken, tokenDigest, type ServiceCredential, type CredentialEntry } from './credentials';
export { errorBoundaryMiddleware, toServerError, ERROR_DOMAIN, MAX_ERROR_TEXT, type UnavailabilityCheck } from './error-boundary';
export { GRPC_CHANNEL_OPTIONS } from './channel-options';
export { tuneHeapForBulkStreams } from './heap-tuning';
export { peerAddress } from './peer-address';
export { crossedNetworkInClear, type CallTransport } from './transport-security';
