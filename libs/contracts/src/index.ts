/**
 * The generated gRPC contracts of every Strongroom service (see `proto/`).
 * Everything under `gen/` is produced by `npm run proto:generate`; never edit it.
 */
import { join } from 'node:path';
import './strict-utf8';

export * as commonV1 from './gen/index.strongroom.common.v1';
export * as kmsV1 from './gen/index.strongroom.kms.v1';
export * as policyV1 from './gen/index.strongroom.policy.v1';
export * as storageV1 from './gen/index.strongroom.storage.v1';
export { ErrorReason } from './gen/strongroom/errors/v1/error_reason.pb';
export { Timestamp } from './gen/google/protobuf/timestamp.pb';

/** Path of the FileDescriptorSet of every Strongroom proto, served by gRPC reflection. */
export const PROTOSET_PATH = join(__dirname, 'gen', 'strongroom.binpb');
export { kmsServiceDefinition, policyServiceDefinition } from './wiping-definitions';
export { wipeSentSecrets } from './secret-field';
export { storageServiceDefinition, encodeDataMessage, decodeDataMessage, dataMessagePayloads } from './bulk-data';
export { DATA_ACCEPTED_HEADER } from './upload-acceptance';
export { distinctObjects, type NamedObject } from './distinct-objects';
export { isTagText } from './tag-text';
