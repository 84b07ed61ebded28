import type { Grant } from './grant';

/**
 * The grants the owner of a bucket or object holds on it whatever its ACL
 * says: READ_ACP and WRITE_ACP, so that no ACL it sets can lock it out of
 * reading and replacing that ACL. S3 documents each as "The owner of a
 * bucket or object always has this permission implicitly" (AWS SDK for
 * Java, `Permission.ReadAcp` and `Permission.WriteAcp`).
 */
export function implicitOwnerGrants(ownerId: string): readonly Grant[] {
  return [
    { grantee: { type: 'CanonicalUser', id: ownerId }, permission: 'READ_ACP' },
    { grantee: { type: 'CanonicalUser', id: ownerId }, permission: 'WRITE_ACP' },
  ];
}
