/** Aliases: CreateAlias, UpdateAlias, DeleteAlias, ListAliases. */
import type { KmsInput } from '../kms-input';
import type { KmsOperation } from '../kms-operation';
import { aliasShape } from '../kms-shapes';
import { listPage } from '../list-page';
import { keyIdOf, optionalKeyIdOf } from './members';

function aliasNameOf(input: KmsInput): string {
  return input.requiredString('AliasName', { max: 256 });
}

const createAlias: KmsOperation = async (input, { kms, principal, signal }) => {
  await kms.createAlias({ principal, aliasName: aliasNameOf(input), targetKeyId: keyIdOf(input, 'TargetKeyId') }, { signal });
  return undefined;
};

const updateAlias: KmsOperation = async (input, { kms, principal, signal }) => {
  await kms.updateAlias({ principal, aliasName: aliasNameOf(input), targetKeyId: keyIdOf(input, 'TargetKeyId') }, { signal });
  return undefined;
};

const deleteAlias: KmsOperation = async (input, { kms, principal, signal }) => {
  await kms.deleteAlias({ principal, aliasName: aliasNameOf(input) }, { signal });
  return undefined;
};

const listAliases: KmsOperation = async (input, { kms, principal, signal }) => {
  const { aliases } = await kms.listAliases({ principal, keyId: optionalKeyIdOf(input, 'KeyId') }, { signal });
  const page = listPage(aliases, input, (alias) => alias.aliasName, 50);
  return { Aliases: page.items.map(aliasShape), NextMarker: page.NextMarker, Truncated: page.Truncated };
};

/** The alias operations by name. */
export const ALIAS_OPERATIONS = {
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
} satisfies Record<string, KmsOperation>;
