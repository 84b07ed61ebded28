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
 * after a crash is harmless. Returns how many versions were re-wrapped.
 */
export async function rotateRootKey(pool: Pool, oldKey: Secret<Uint8Array>, newKey: Secret<Uint8Array>, random: Random = systemRandom): Promise<number> {
  const from = new RootKey(oldKey);
  const to = new RootKey(newKey);
  return withTransaction(pool, async (client) => {
    let count = 0;
    for (const { keyId, version, material } of await listAllMaterial(client)) {
      if (material.rootKeyId === to.id) continue;
      if (material.rootKeyId !== from.id) throw new Error(`key ${keyId} v${version} is wrapped by root key ${material.rootKeyId}, which is neither the old nor the new one`);
      const clear = from.unwrapMaterial(keyId, version, material.wrapped);
      await replaceMaterial(client, keyId, version, { wrapped: to.wrapMaterial(keyId, version, clear, random), rootKeyId: to.id });
      clear.fill(0);
      count++;
    }
    return count;
  });
}
