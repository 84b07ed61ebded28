/** The KMS client type and the declaration helper of the `kms` commands. */
import type { kmsV1 } from '@strongroom/contracts';
import type { Client } from 'nice-grpc';
import { defineCommand, type Command, type CommandSpec } from '../command';

/** A client of the KMS gRPC API. */
export type KmsClient = Client<kmsV1.KeyManagementServiceDefinition>;

/** A `kms` command. */
export type KmsCommand = Command<KmsClient>;

/** Declares a `kms` command; request and response types are inferred. */
export function kmsCommand<Request, Response>(spec: CommandSpec<KmsClient, Request, Response>): KmsCommand {
  return defineCommand(spec);
}
