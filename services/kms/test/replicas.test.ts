import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { ACCOUNT_A, ACCOUNT_B, root, startKmsHarness, type KmsHarness, type KmsReplica } from './kms-harness';
import { createKey, expectReason } from './kms-expect';

let h: KmsHarness;
let replica: KmsReplica;

beforeAll(async () => {
  h = await startKmsHarness();
  replica = await h.startReplica();
});

afterAll(async () => {
  await replica.close();
  await h.close();
});

const A = root(ACCOUNT_A);
const AES_256 = kmsV1.DataKeySpec.AES_256;
/** How long a change on one replica may take to reach the others. */
const PROPAGATION_MS = 1000;

/** Polls `probe` every 50 ms until it holds; fails when it still does not after `PROPAGATION_MS`. */
async function seenWithinPropagation(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + PROPAGATION_MS;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`the change did not reach the other replica within ${PROPAGATION_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The reason a call failed with, or 'OK'. */
async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof DomainError) return error.reasonName;
    throw error;
  }
}

describe('a second replica on the same database', () => {
  it('serves the keys the first one created', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const generated = await h.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 });
    expect((await replica.client.decrypt({ principal: A, ciphertextBlob: generated.ciphertextBlob })).plaintext).toEqual(generated.plaintext);
    expect(replica.kms.port).not.toBe(h.kms.port);
  });

  it('refuses a key disabled through the first replica within 1 second, though its cache was warm', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    await replica.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 });
    await h.client.disableKey({ principal: A, keyId: key.keyId });
    await seenWithinPropagation(async () => (await outcomeOf(replica.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 }))) === 'KEY_DISABLED');
    await expectReason(replica.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') }), ErrorReason.KEY_DISABLED);

    await h.client.enableKey({ principal: A, keyId: key.keyId });
    await seenWithinPropagation(async () => (await outcomeOf(replica.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 }))) === 'OK');
  });

  it('follows an alias repointed through the first replica within 1 second', async () => {
    const first = await createKey(h.client, ACCOUNT_A);
    const second = await createKey(h.client, ACCOUNT_A);
    const aliasName = `alias/replicated-${first.keyId.slice(0, 8)}`;
    await h.client.createAlias({ principal: A, aliasName, targetKeyId: first.keyId });
    expect((await replica.client.generateDataKey({ principal: A, keyId: aliasName, keySpec: AES_256 })).keyId).toBe(first.arn);

    await h.client.updateAlias({ principal: A, aliasName, targetKeyId: second.keyId });
    await seenWithinPropagation(async () => (await replica.client.generateDataKey({ principal: A, keyId: aliasName, keySpec: AES_256 })).keyId === second.arn);

    await h.client.deleteAlias({ principal: A, aliasName });
    await seenWithinPropagation(async () => (await outcomeOf(replica.client.describeKey({ principal: A, keyId: aliasName }))) === 'KEY_NOT_FOUND');
  });

  it('drops a revoked grant within 1 second', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const { ciphertextBlob } = await h.client.encrypt({ principal: A, keyId: key.keyId, plaintext: Buffer.from('x') });
    const { grantId } = await h.client.createGrant({ principal: A, keyId: key.keyId, granteePrincipal: ACCOUNT_B, operations: [kmsV1.GrantOperation.DECRYPT] });
    await seenWithinPropagation(async () => (await outcomeOf(replica.client.decrypt({ principal: root(ACCOUNT_B), ciphertextBlob }))) === 'OK');

    await h.client.revokeGrant({ principal: A, keyId: key.keyId, grantId });
    await seenWithinPropagation(async () => (await outcomeOf(replica.client.decrypt({ principal: root(ACCOUNT_B), ciphertextBlob }))) === 'ACCESS_DENIED');
  });

  it('uses the new key version after a rotation through the first replica within 1 second', async () => {
    const key = await createKey(h.client, ACCOUNT_A);
    const old = await replica.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 });
    expect(old.keyVersion).toBe(1);
    await h.client.rotateKeyOnDemand({ principal: A, keyId: key.keyId });
    await seenWithinPropagation(async () => (await replica.client.generateDataKey({ principal: A, keyId: key.keyId, keySpec: AES_256 })).keyVersion === 2);
    expect((await replica.client.decrypt({ principal: A, ciphertextBlob: old.ciphertextBlob })).plaintext).toEqual(old.plaintext);
  });
});
