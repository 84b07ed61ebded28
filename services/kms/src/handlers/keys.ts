import type { kmsV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { toKeyMetadata } from '../proto-mapping';
import { listKeys as listKeyRecords } from '../key-store';
import type { KeyTag } from '../key-record';
import type { KmsCall, KmsDeps, KmsHandler } from '../kms-call';

const MAX_DESCRIPTION = 8192;
const MAX_TAGS = 50;

function validateTags(tags: readonly kmsV1.Tag[]): KeyTag[] {
  if (tags.length > MAX_TAGS) throw invalidArgument('tags', `at most ${MAX_TAGS} tags`);
  const seen = new Set<string>();
  return tags.map((tag, index) => {
    if (tag.tagKey.length < 1 || tag.tagKey.length > 128) throw invalidArgument(`tags[${index}].tag_key`, 'must be 1 to 128 characters');
    if (tag.tagValue.length > 256) throw invalidArgument(`tags[${index}].tag_value`, 'must be at most 256 characters');
    if (tag.tagKey.includes('\u0000') || tag.tagValue.includes('\u0000')) throw invalidArgument(`tags[${index}]`, 'must not contain NUL characters');
    if (seen.has(tag.tagKey)) throw invalidArgument(`tags[${index}].tag_key`, `duplicate tag key ${JSON.stringify(tag.tagKey)}`);
    seen.add(tag.tagKey);
    return { key: tag.tagKey, value: tag.tagValue };
  });
}

/** Finds a key the principal owns and may manage (customer keys only). */
export async function managedKey(deps: KmsDeps, call: KmsCall, keyId: string) {
  const key = await deps.keyring.find(call, keyId, 'Manage');
  return key;
}

export const createKey: KmsHandler<kmsV1.CreateKeyRequest, kmsV1.CreateKeyResponse> = async (deps, request, call) => {
  if (request.description.length > MAX_DESCRIPTION) throw invalidArgument('description', `at most ${MAX_DESCRIPTION} characters`);
  if (request.description.includes('\u0000')) throw invalidArgument('description', 'must not contain NUL characters');
  const key = await deps.lifecycle.create(call.principal.accountId, 'CUSTOMER', request.description, validateTags(request.tags));
  call.audit.touch(key);
  return { keyMetadata: toKeyMetadata(deps.region, key) };
};

export const describeKey: KmsHandler<kmsV1.DescribeKeyRequest, kmsV1.DescribeKeyResponse> = async (deps, request, call) => {
  const key = await deps.keyring.find(call, request.keyId, 'DescribeKey', true);
  return { keyMetadata: toKeyMetadata(deps.region, key) };
};

const MARKER_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MARKER_KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a marker back; anything this service could not have issued is INVALID_ARGUMENT, never a database error. */
function decodeMarker(marker: string): { createdAt: Date; keyId: string } | undefined {
  if (marker === '') return undefined;
  const [time = '', keyId = '', ...rest] = Buffer.from(marker, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time);
  const valid = rest.length === 0 && MARKER_TIME.test(time) && !Number.isNaN(createdAt.getTime()) && createdAt.toISOString() === time && MARKER_KEY_ID.test(keyId);
  if (!valid) throw invalidArgument('marker', 'is not a marker this service returned');
  return { createdAt, keyId };
}

function pageLimit(limit: number): number {
  if (limit > 1000) throw invalidArgument('limit', 'must be 1 to 1000');
  return limit === 0 ? 100 : limit;
}

export const listKeys: KmsHandler<kmsV1.ListKeysRequest, kmsV1.ListKeysResponse> = async (deps, request, call) => {
  const limit = pageLimit(request.limit);
  const rows = await listKeyRecords(deps.pool, call.principal.accountId, limit + 1, decodeMarker(request.marker));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const truncated = rows.length > limit && last !== undefined;
  return {
    keys: page.map((key) => toKeyMetadata(deps.region, key)),
    truncated,
    nextMarker: truncated ? Buffer.from(`${last.createdAt.toISOString()}|${last.keyId}`).toString('base64url') : '',
  };
};

export const enableKey: KmsHandler<kmsV1.EnableKeyRequest, kmsV1.EnableKeyResponse> = async (deps, request, call) => {
  const key = await deps.lifecycle.setEnabled(await managedKey(deps, call, request.keyId), true);
  return { keyMetadata: toKeyMetadata(deps.region, key) };
};

export const disableKey: KmsHandler<kmsV1.DisableKeyRequest, kmsV1.DisableKeyResponse> = async (deps, request, call) => {
  const key = await deps.lifecycle.setEnabled(await managedKey(deps, call, request.keyId), false);
  return { keyMetadata: toKeyMetadata(deps.region, key) };
};

export const scheduleKeyDeletion: KmsHandler<kmsV1.ScheduleKeyDeletionRequest, kmsV1.ScheduleKeyDeletionResponse> = async (deps, request, call) => {
  const days = request.pendingWindowInDays === 0 ? 30 : request.pendingWindowInDays;
  if (days < 7 || days > 30) throw invalidArgument('pending_window_in_days', 'must be 7 to 30');
  const key = await deps.lifecycle.scheduleDeletion(await managedKey(deps, call, request.keyId), days);
  const metadata = toKeyMetadata(deps.region, key);
  return { keyId: metadata.arn, deletionDate: key.deletionAt ?? undefined, keyState: metadata.keyState, pendingWindowInDays: days };
};

export const cancelKeyDeletion: KmsHandler<kmsV1.CancelKeyDeletionRequest, kmsV1.CancelKeyDeletionResponse> = async (deps, request, call) => {
  const key = await deps.lifecycle.cancelDeletion(await managedKey(deps, call, request.keyId));
  return { keyId: toKeyMetadata(deps.region, key).arn };
};
