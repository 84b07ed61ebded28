/** Key lifecycle: create-key, describe-key, list-keys, enable/disable, deletion scheduling. */
import type { kmsV1 } from '@strongroom/contracts';
import { UsageError } from '../errors';
import { structureListValue } from '../values';
import { isoDate } from '../shapes';
import { kmsCommand, type KmsClient, type KmsCommand } from './kms-command';
import { LIMIT_FLAG, MARKER_FLAG, integerOrZero, keyIdFlag } from './kms-flags';
import { keyMetadataShape, keyStateName } from './kms-shapes';

/** `--tags` as the API's tags: items with a string TagKey and an optional TagValue. */
function tagsValue(words: readonly string[]): kmsV1.Tag[] {
  return structureListValue('tags', words).map((item, index) => {
    const { TagKey, TagValue = '' } = item;
    if (typeof TagKey !== 'string' || typeof TagValue !== 'string') {
      throw new UsageError(`Error parsing parameter '--tags': tag ${index + 1} needs a string TagKey and TagValue`);
    }
    return { tagKey: TagKey, tagValue: TagValue };
  });
}

const createKey = kmsCommand({
  name: 'create-key',
  operation: 'CreateKey',
  summary: 'Creates a symmetric (AES-256-GCM) customer key in the account.',
  flags: [
    { name: 'description', placeholder: 'text', description: 'Free text, up to 8192 characters.' },
    { name: 'tags', kind: 'list', placeholder: 'tag', description: 'JSON [{"TagKey":"k","TagValue":"v"}], or TagKey=k,TagValue=v per tag.' },
  ],
  request: (flags, principal) => ({ principal, description: flags.string('description') ?? '', tags: tagsValue(flags.list('tags')) }),
  call: (client, request, signal) => client.createKey(request, { signal }),
  output: (response) => ({ KeyMetadata: keyMetadataShape(response.keyMetadata) }),
});

const describeKey = kmsCommand({
  name: 'describe-key',
  operation: 'DescribeKey',
  summary: "Shows a key's metadata.",
  flags: [keyIdFlag(true)],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.describeKey(request, { signal }),
  output: (response) => ({ KeyMetadata: keyMetadataShape(response.keyMetadata) }),
});

/** Keys listed, with the page state when one page was asked for. */
interface KeyListing {
  readonly keys: readonly kmsV1.KeyMetadata[];
  readonly page?: { readonly truncated: boolean; readonly nextMarker: string };
}

/** Every page from `marker` on, as aws-cli fetches them when no paging flag is given. */
async function allKeys(client: KmsClient, request: kmsV1.ListKeysRequest, signal: AbortSignal): Promise<KeyListing> {
  const keys: kmsV1.KeyMetadata[] = [];
  let marker = request.marker;
  for (;;) {
    const page = await client.listKeys({ ...request, marker }, { signal });
    keys.push(...page.keys);
    if (!page.truncated) return { keys };
    marker = page.nextMarker;
  }
}

const listKeys = kmsCommand({
  name: 'list-keys',
  operation: 'ListKeys',
  summary: "Lists the account's keys, oldest first: all of them, or one page with --limit/--marker.",
  flags: [LIMIT_FLAG, MARKER_FLAG],
  request: (flags, principal) => ({
    listing: { principal, limit: integerOrZero(flags, 'limit'), marker: flags.string('marker') ?? '' },
    onePage: flags.has('limit') || flags.has('marker'),
  }),
  call: async (client, { listing, onePage }, signal): Promise<KeyListing> => {
    if (!onePage) return allKeys(client, listing, signal);
    const { keys, truncated, nextMarker } = await client.listKeys(listing, { signal });
    return { keys, page: { truncated, nextMarker } };
  },
  output: ({ keys, page }) => ({
    Keys: keys.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })),
    NextMarker: page?.truncated === true ? page.nextMarker : undefined,
    Truncated: page?.truncated,
  }),
});

const enableKey = kmsCommand({
  name: 'enable-key',
  operation: 'EnableKey',
  summary: 'Enables a disabled key. Prints nothing, as aws does.',
  flags: [keyIdFlag(true)],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.enableKey(request, { signal }),
  output: () => undefined,
});

const disableKey = kmsCommand({
  name: 'disable-key',
  operation: 'DisableKey',
  summary: 'Disables a key: it refuses cryptographic operations until enabled. Prints nothing, as aws does.',
  flags: [keyIdFlag(true)],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.disableKey(request, { signal }),
  output: () => undefined,
});

const scheduleKeyDeletion = kmsCommand({
  name: 'schedule-key-deletion',
  operation: 'ScheduleKeyDeletion',
  summary: 'Schedules a key for deletion after a waiting period.',
  flags: [keyIdFlag(true), { name: 'pending-window-in-days', placeholder: 'days', description: 'Days until deletion, 7 to 30 (default 30).' }],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id'), pendingWindowInDays: integerOrZero(flags, 'pending-window-in-days') }),
  call: (client, request, signal) => client.scheduleKeyDeletion(request, { signal }),
  output: (response) => ({
    KeyId: response.keyId,
    DeletionDate: isoDate(response.deletionDate),
    KeyState: keyStateName(response.keyState),
    PendingWindowInDays: response.pendingWindowInDays,
  }),
});

const cancelKeyDeletion = kmsCommand({
  name: 'cancel-key-deletion',
  operation: 'CancelKeyDeletion',
  summary: "Cancels a key's scheduled deletion; the key becomes Disabled.",
  flags: [keyIdFlag(true)],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.cancelKeyDeletion(request, { signal }),
  output: (response) => ({ KeyId: response.keyId }),
});

/** The key lifecycle commands. */
export const KEY_COMMANDS: readonly KmsCommand[] = [createKey, describeKey, listKeys, enableKey, disableKey, scheduleKeyDeletion, cancelKeyDeletion];
