import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { RootKey } from '../src/root-key';
import { ACCOUNT_B, root, startKmsHarness, type KmsHarness } from './kms-harness';
import { createKey, expectReason, freshAccount } from './kms-expect';

let h: KmsHarness;

beforeAll(async () => {
  h = await startKmsHarness();
});

afterAll(async () => {
  await h.close();
});

const AES_256 = kmsV1.DataKeySpec.AES_256;
const B = root(ACCOUNT_B);

/** The parts of an event a test compares. */
const summary = (event: kmsV1.AuditEvent) => ({
  operation: event.operation,
  keyId: event.keyId,
  keyVersion: event.keyVersion,
  encryptionContext: event.encryptionContext,
  outcome: event.outcome,
});

/** Every event the principal may see (optionally of one key), newest first, by following `next_before`. */
async function allEvents(principal: ReturnType<typeof root>, keyId = '', limit = 100): Promise<kmsV1.AuditEvent[]> {
  const events: kmsV1.AuditEvent[] = [];
  let before = 0;
  do {
    const page = await h.client.listAuditEvents({ principal, keyId, limit, before });
    expect(page.events.length).toBeLessThanOrEqual(limit);
    events.push(...page.events);
    before = page.nextBefore;
  } while (before !== 0);
  return events;
}

describe('ListAuditEvents', () => {
  it('lists every operation on a key, newest first, with key, version, context and outcome', async () => {
    const account = freshAccount();
    const principal = root(account);
    const context = { bucket: 'audited', key: 'report.pdf' };
    const start = new Date();
    const key = await createKey(h.client, account);
    const { ciphertextBlob } = await h.client.generateDataKey({ principal, keyId: key.keyId, keySpec: AES_256, encryptionContext: context });
    await h.client.encrypt({ principal, keyId: key.keyId, plaintext: Buffer.from('p'), encryptionContext: context });
    await h.client.decrypt({ principal, ciphertextBlob, encryptionContext: context });
    await expectReason(h.client.decrypt({ principal, ciphertextBlob, encryptionContext: { bucket: 'other' } }), ErrorReason.INVALID_CIPHERTEXT);
    await h.client.disableKey({ principal, keyId: key.keyId });
    await expectReason(h.client.generateDataKey({ principal, keyId: key.keyId, keySpec: AES_256, encryptionContext: context }), ErrorReason.KEY_DISABLED);
    await expectReason(h.client.decrypt({ principal, ciphertextBlob, encryptionContext: context }), ErrorReason.KEY_DISABLED);
    await h.client.enableKey({ principal, keyId: key.keyId });
    await h.client.rotateKeyOnDemand({ principal, keyId: key.keyId });
    await h.client.generateDataKeyWithoutPlaintext({ principal, keyId: key.arn, keySpec: AES_256, encryptionContext: context });
    await h.client.describeKey({ principal, keyId: key.keyId });

    const k = key.keyId;
    const expected = [
      { operation: 'CreateKey', keyId: k, keyVersion: 0, encryptionContext: {}, outcome: 'OK' },
      { operation: 'GenerateDataKey', keyId: k, keyVersion: 1, encryptionContext: context, outcome: 'OK' },
      { operation: 'Encrypt', keyId: k, keyVersion: 1, encryptionContext: context, outcome: 'OK' },
      { operation: 'Decrypt', keyId: k, keyVersion: 1, encryptionContext: context, outcome: 'OK' },
      { operation: 'Decrypt', keyId: k, keyVersion: 1, encryptionContext: { bucket: 'other' }, outcome: 'INVALID_CIPHERTEXT' },
      { operation: 'DisableKey', keyId: k, keyVersion: 0, encryptionContext: {}, outcome: 'OK' },
      { operation: 'GenerateDataKey', keyId: k, keyVersion: 0, encryptionContext: context, outcome: 'KEY_DISABLED' },
      { operation: 'Decrypt', keyId: k, keyVersion: 1, encryptionContext: context, outcome: 'KEY_DISABLED' },
      { operation: 'EnableKey', keyId: k, keyVersion: 0, encryptionContext: {}, outcome: 'OK' },
      { operation: 'RotateKeyOnDemand', keyId: k, keyVersion: 2, encryptionContext: {}, outcome: 'OK' },
      { operation: 'GenerateDataKeyWithoutPlaintext', keyId: k, keyVersion: 2, encryptionContext: context, outcome: 'OK' },
      { operation: 'DescribeKey', keyId: k, keyVersion: 0, encryptionContext: {}, outcome: 'OK' },
    ].reverse();

    const { events, nextBefore } = await h.client.listAuditEvents({ principal, keyId: key.keyId });
    expect(events.map(summary)).toEqual(expected);
    expect(nextBefore).toBe(0);
    expect((await h.client.listAuditEvents({ principal })).events.map(summary)).toEqual(expected);
    for (const event of events) {
      expect(event).toEqual(expect.objectContaining({ accountId: account, principalArn: `arn:aws:iam::${account}:root` }));
      expect(event.eventTime!.getTime()).toBeGreaterThanOrEqual(start.getTime() - 1000);
    }
    const ids = events.map((event) => event.eventId);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
  });

  it('records failures that name no key, with the reason as outcome, and does not record itself', async () => {
    const account = freshAccount();
    const principal = root(account);
    await expectReason(h.client.describeKey({ principal, keyId: 'alias/missing' }), ErrorReason.KEY_NOT_FOUND);
    await expectReason(h.client.encrypt({ principal, keyId: 'alias/missing', plaintext: Buffer.alloc(0) }), ErrorReason.INVALID_ARGUMENT);
    await h.client.listAuditEvents({ principal });
    expect((await h.client.listAuditEvents({ principal })).events.map(summary)).toEqual([
      { operation: 'Encrypt', keyId: '', keyVersion: 0, encryptionContext: {}, outcome: 'INVALID_ARGUMENT' },
      { operation: 'DescribeKey', keyId: '', keyVersion: 0, encryptionContext: {}, outcome: 'KEY_NOT_FOUND' },
    ]);
  });

  it('fails only the call whose audit row cannot be written, not the calls that shared its batch', async () => {
    const account = freshAccount();
    const principal = root(account);
    const key = await createKey(h.client, account);
    // Postgres text cannot hold NUL: this caller's audit row is unwritable.
    const unwritable = { accountId: account, arn: `arn:aws:iam::${account}:user/bad\u0000name` };
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          h.client
            .encrypt({ principal: i === 15 ? unwritable : principal, keyId: key.keyId, plaintext: Buffer.from('x'), encryptionContext: { round: String(round) } })
            .then(() => 'OK', () => 'failed'),
        ),
      );
      expect(outcomes.filter((outcome) => outcome === 'failed')).toHaveLength(1);
      expect(outcomes[15]).toBe('failed');
    }
    const events = await allEvents(principal, key.keyId);
    expect(events.filter((event) => event.operation === 'Encrypt' && event.outcome === 'OK')).toHaveLength(3 * 29);
  });

  it('pages with limit, before and next_before, and filters by key and start time', async () => {
    const account = freshAccount();
    const principal = root(account);
    const key = await createKey(h.client, account);
    const other = await createKey(h.client, account);
    for (let i = 0; i < 4; i++) {
      await h.client.encrypt({ principal, keyId: key.keyId, plaintext: Buffer.from('x'), encryptionContext: { i: String(i) } });
      await h.client.encrypt({ principal, keyId: other.keyId, plaintext: Buffer.from('y'), encryptionContext: { i: String(i) } });
    }
    const everything = await allEvents(principal);
    expect(everything).toHaveLength(10);

    const first = await h.client.listAuditEvents({ principal, limit: 3 });
    expect(first.events).toEqual(everything.slice(0, 3));
    expect(first.nextBefore).toBe(everything[2]!.eventId);
    const second = await h.client.listAuditEvents({ principal, limit: 3, before: first.nextBefore });
    expect(second.events).toEqual(everything.slice(3, 6));
    expect(await allEvents(principal, '', 3)).toEqual(everything);
    expect(await allEvents(principal, '', 1)).toEqual(everything);
    const exact = await h.client.listAuditEvents({ principal, limit: 10 });
    expect(exact.nextBefore).toBe(0);

    const ofKey = await allEvents(principal, key.arn, 2);
    expect(ofKey.map((event) => event.keyId)).toEqual(Array(5).fill(key.keyId));
    expect(ofKey.map((event) => event.operation)).toEqual(['Encrypt', 'Encrypt', 'Encrypt', 'Encrypt', 'CreateKey']);
    expect(ofKey.map((event) => event.encryptionContext.i)).toEqual(['3', '2', '1', '0', undefined]);

    const middle = everything[4]!.eventTime!;
    const recent = (await h.client.listAuditEvents({ principal, startTime: middle })).events;
    expect(recent.length).toBeGreaterThanOrEqual(5);
    expect(recent.every((event) => event.eventTime!.getTime() >= middle.getTime())).toBe(true);

    await expectReason(h.client.listAuditEvents({ principal, limit: 1001 }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(h.client.listAuditEvents({ principal, keyId: 'alias/missing' }), ErrorReason.KEY_NOT_FOUND);
  });

  it("shows account B its own calls, and the key owner B's use of its key, but neither the other's private events", async () => {
    const owner = freshAccount();
    const principal = root(owner);
    const grantee = freshAccount();
    const asGrantee = { accountId: grantee, arn: `arn:aws:iam::${grantee}:role/reader` };
    const key = await createKey(h.client, owner);
    const keyOfGrantee = await createKey(h.client, grantee);
    await h.client.createGrant({ principal, keyId: key.keyId, granteePrincipal: grantee, operations: [kmsV1.GrantOperation.DECRYPT] });
    const { ciphertextBlob } = await h.client.encrypt({ principal, keyId: key.keyId, plaintext: Buffer.from('shared'), encryptionContext: { share: '1' } });
    await h.client.decrypt({ principal: asGrantee, ciphertextBlob, encryptionContext: { share: '1' } });
    await expectReason(h.client.encrypt({ principal: asGrantee, keyId: key.arn, plaintext: Buffer.from('x') }), ErrorReason.ACCESS_DENIED);

    const byGrantee = (await h.client.listAuditEvents({ principal: root(grantee) })).events;
    expect(byGrantee.map((event) => [event.operation, event.accountId, event.principalArn, event.keyId, event.outcome])).toEqual([
      ['Encrypt', grantee, asGrantee.arn, key.keyId, 'ACCESS_DENIED'],
      ['Decrypt', grantee, asGrantee.arn, key.keyId, 'OK'],
      ['CreateKey', grantee, `arn:aws:iam::${grantee}:root`, keyOfGrantee.keyId, 'OK'],
    ]);

    const ofKey = (await h.client.listAuditEvents({ principal, keyId: key.keyId })).events;
    expect(ofKey.map((event) => [event.operation, event.accountId, event.outcome])).toEqual([
      ['Encrypt', grantee, 'ACCESS_DENIED'],
      ['Decrypt', grantee, 'OK'],
      ['Encrypt', owner, 'OK'],
      ['CreateGrant', owner, 'OK'],
      ['CreateKey', owner, 'OK'],
    ]);
    expect(ofKey[1]).toEqual(expect.objectContaining({ principalArn: asGrantee.arn, keyVersion: 1, encryptionContext: { share: '1' } }));
    const ownerView = (await h.client.listAuditEvents({ principal })).events;
    expect(ownerView.map((event) => event.keyId)).not.toContain(keyOfGrantee.keyId);
    await expectReason(h.client.listAuditEvents({ principal: root(grantee), keyId: key.arn }), ErrorReason.ACCESS_DENIED);
    await expectReason(h.client.listAuditEvents({ principal: B, keyId: keyOfGrantee.arn }), ErrorReason.ACCESS_DENIED);
  });
});

describe('calls that touch two keys', () => {
  it('records a ReEncrypt against the source key and the destination key, each with its version', async () => {
    const account = freshAccount();
    const principal = root(account);
    const source = await createKey(h.client, account);
    const destination = await createKey(h.client, account);
    await h.client.rotateKeyOnDemand({ principal, keyId: destination.keyId });
    const { ciphertextBlob } = await h.client.encrypt({ principal, keyId: source.keyId, plaintext: Buffer.from('move me') });
    await h.client.reEncrypt({ principal, ciphertextBlob, destinationKeyId: destination.keyId });

    const latest = async (keyId: string) => (await h.client.listAuditEvents({ principal, keyId, limit: 1 })).events[0];
    expect(await latest(source.keyId)).toEqual(expect.objectContaining({ operation: 'ReEncrypt', keyVersion: 1, outcome: 'OK' }));
    expect(await latest(destination.keyId)).toEqual(expect.objectContaining({ operation: 'ReEncrypt', keyVersion: 2, outcome: 'OK' }));
  });
});

describe('what the database holds', () => {
  it('keeps no plaintext or data key, in hex or base64, anywhere in kms.audit_events', async () => {
    const account = freshAccount();
    const principal = root(account);
    const key = await createKey(h.client, account);
    const secrets: Buffer[] = [];
    const payloads: string[] = [];
    for (let i = 0; i < 5; i++) {
      const generated = await h.client.generateDataKey({ principal, keyId: key.keyId, keySpec: AES_256, encryptionContext: { n: String(i) } });
      secrets.push(generated.plaintext);
      const decrypted = await h.client.decrypt({ principal, ciphertextBlob: generated.ciphertextBlob, encryptionContext: { n: String(i) } });
      secrets.push(decrypted.plaintext);
      const plaintext = Buffer.from(`top secret payload ${i} ${Math.random()}`);
      secrets.push(plaintext);
      payloads.push(plaintext.toString('utf8'));
      const encrypted = await h.client.encrypt({ principal, keyId: key.keyId, plaintext });
      await h.client.reEncrypt({ principal, ciphertextBlob: encrypted.ciphertextBlob, destinationKeyId: key.keyId });
      const withoutPlaintext = await h.client.generateDataKeyWithoutPlaintext({ principal, keyId: key.keyId, numberOfBytes: 24 });
      secrets.push((await h.client.decrypt({ principal, ciphertextBlob: withoutPlaintext.ciphertextBlob })).plaintext);
    }
    const { rows } = await h.database.pool.query<{ row: string }>('SELECT row_to_json(e)::text AS row FROM kms.audit_events e');
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const dump = rows.map((row) => row.row).join('\n');
    expect(dump).toContain(key.keyId);
    for (const secret of secrets) {
      for (const encoding of [secret.toString('hex'), secret.toString('hex').toUpperCase(), secret.toString('base64'), secret.toString('base64url')]) {
        expect(dump).not.toContain(encoding);
      }
    }
    for (const payload of payloads) expect(dump).not.toContain(payload);
    expect(dump).not.toContain('top secret');
  });

  it('stores each key version as 60 bytes (32 wrapped + 28 overhead) under the named root key, never the root key itself', async () => {
    const account = freshAccount();
    const key = await createKey(h.client, account);
    await h.client.rotateKeyOnDemand({ principal: root(account), keyId: key.keyId });
    const { rows } = await h.database.pool.query<{ version: number; length: number; root_key_id: string }>(
      'SELECT version, length(wrapped_material) AS length, root_key_id FROM kms.key_versions WHERE key_id = $1 ORDER BY version',
      [key.keyId],
    );
    const rootKeyId = new RootKey(h.rootKey).id;
    expect(rootKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect(rows).toEqual([
      { version: 1, length: 32 + 28, root_key_id: rootKeyId },
      { version: 2, length: 32 + 28, root_key_id: rootKeyId },
    ]);

    const all = await h.database.pool.query<{ dump: string }>(
      `SELECT string_agg(encode(wrapped_material, 'hex') || root_key_id, ',') AS dump FROM kms.key_versions`,
    );
    const rootHex = Buffer.from(h.rootKey.reveal()).toString('hex');
    expect(all.rows[0]!.dump).not.toContain(rootHex);
    const distinct = await h.database.pool.query<{ distinct: number; total: number }>(
      'SELECT count(DISTINCT wrapped_material)::int AS distinct, count(*)::int AS total FROM kms.key_versions',
    );
    expect(distinct.rows[0]!.distinct).toBe(distinct.rows[0]!.total);
  });
});
