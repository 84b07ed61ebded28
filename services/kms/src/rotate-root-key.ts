import { StartRefused } from '@strongroom/config';
import type { Random } from '@strongroom/crypto';
import { systemRandom } from '@strongroom/crypto';
import { withTransaction, type Pool } from '@strongroom/db';
import type { Secret } from '@strongroom/observability';
import { listAllMaterial, replaceMaterial } from './key-store';
import { RootKey } from './root-key';

/**
 * Re-wraps every key version's material from the old root key to the new one,
 * in one transaction: afterwards every kms replica must run with the new root
 * key. No data key and no ciphertext blob changes, because the material does
 * not. Versions already under the new root key are left alone, so a rerun
 * after a crash is harmless; a version under any other root key refuses the
 * rotation (a StartRefused, naming root keys by their ids only). Returns how
 * many versions were re-wrapped. Its copies of both root keys are wiped once
 * done, whatever the outcome; the keys given stay the caller's.
 */
export async function rotateRootKey(pool: Pool, oldKey: Secret<Uint8Array>, newKey: Secret<Uint8Array>, random: Random = systemRandom): Promise<number> {
  const from = new RootKey(oldKey);
  const to = new RootKey(newKey);
  try {
    return await reWrapAll(pool, from, to, random);
  } finally {
    from.wipe();
    to.wipe();
  }
}

/** Re-wraps, in one transaction, every version not yet under `to` from `from` (see {@link rotateRootKey}). */
function reWrapAll(pool: Pool, from: RootKey, to: RootKey, random: Random): Promise<number> {
  return withTransaction(pool, async (client) => {
    let count = 0;
    for (const { keyId, version, material } of await listAllMaterial(client)) {
      if (material.rootKeyId === to.id) continue;
      if (material.rootKeyId !== from.id) {
        throw new StartRefused(`key ${keyId} v${version} is wrapped by root key ${material.rootKeyId}, which is neither the old root key (${from.id}) nor the new one (${to.id}): rotate from the root key the database was set up with`);
      }
      const clear = from.unwrapMaterial(keyId, version, material.wrapped);
      try {
        await replaceMaterial(client, keyId, version, { wrapped: to.wrapMaterial(keyId, version, clear, random), rootKeyId: to.id });
      } finally {
        clear.fill(0);
      }
      count++;
    }
    return count;
  });
}
