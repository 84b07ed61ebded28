import type { storageV1 } from '@strongroom/contracts';
import type { Random } from '@strongroom/crypto';
import type { Pool } from '@strongroom/db';
import type { Logger } from '@strongroom/observability';
import type { Authorizer } from './authorizer';
import type { BlobStore } from './blob-store';
import type { DescriptorBudget } from './descriptor-budget';
import type { ReleasedBlobs } from './released-blobs';
import type { BucketCache } from './bucket-cache';
import type { BucketKeyring, KmsClient } from './bucket-keyring';
import type { PolicyClient, PolicyDirectory } from './policy-directory';
import type { ActingRequester } from './requester';

/** What every handler works with. */
export interface StorageDeps {
  readonly pool: Pool;
  /** This deployment's region: every bucket's. */
  readonly region: string;
  readonly blobs: BlobStore;
  /** Deletes released blobs' files once their grace period ends. */
  readonly releasedBlobs: ReleasedBlobs;
  /** Descriptors reads may hold open ahead (the parts of a multipart object). */
  readonly readAhead: DescriptorBudget;
  /** Buckets by name, dropped on every change (this replica's or, through the change feed, another's). */
  readonly buckets: BucketCache;
  readonly keyring: BucketKeyring;
  /** The KMS, called on behalf of requesters for SSE-KMS data keys. */
  readonly kms: KmsClient;
  readonly policy: PolicyClient;
  readonly directory: PolicyDirectory;
  readonly authorizer: Authorizer;
  /** New buckets get the legacy defaults (SSE-C not blocked). */
  readonly legacyBucketDefaults: boolean;
  /** How long an upload stream may send nothing before it fails with REQUEST_TIMEOUT, in ms. */
  readonly uploadIdleTimeoutMs: number;
  readonly random: Random;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** One call: the requester it acts for, and its cancellation. */
export interface StorageCall {
  readonly requester: ActingRequester;
  readonly signal: AbortSignal;
}

/** A unary handler. */
export type StorageHandler<Request, Response> = (deps: StorageDeps, request: Request, call: StorageCall) => Promise<Response>;

/** A server-streaming handler. */
export type StreamingHandler<Request, Response> = (deps: StorageDeps, request: Request, call: StorageCall) => AsyncIterable<Response>;

/** A client stream's call: the requester is known only from its first message. */
export interface UploadCall {
  /** Checks the requester of the header message and returns it. */
  assertRequester(requester: storageV1.Requester | undefined): ActingRequester;
  /** Sends the response headers now, before the response: the write is accepted and its data may come. */
  acceptData(): void;
  readonly signal: AbortSignal;
}

/** A client-streaming handler. */
export type UploadHandler<Request, Response> = (deps: StorageDeps, requests: AsyncIterable<Request>, call: UploadCall) => Promise<Response>;
