import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { assertPrincipal, type CallerContext } from '@strongroom/grpc';
import type { CallContext, ServiceImplementation } from 'nice-grpc';
import type { AuditLog } from './audit-log';
import { SERVICE_ACCOUNT_ID } from './key-record';
import { listAuditEvents } from './handlers/audit';
import { createAlias, deleteAlias, listAliases, updateAlias } from './handlers/aliases';
import { decrypt, encrypt, generateDataKey, generateDataKeyWithoutPlaintext, reEncrypt } from './handlers/cryptography';
import { createGrant, listGrants, revokeGrant } from './handlers/grants';
import { cancelKeyDeletion, createKey, describeKey, disableKey, enableKey, listKeys, scheduleKeyDeletion } from './handlers/keys';
import { disableKeyRotation, enableKeyRotation, getKeyRotationStatus, listKeyRotations, rotateKeyOnDemand } from './handlers/rotation';
import { AuditFacts, type KmsDeps, type KmsHandler } from './kms-call';
import { requireSecureTransportForPlaintext } from './plaintext-transport';

type Definition = kmsV1.KeyManagementServiceDefinition;

/** The KeyManagementService implementation: each RPC's handler behind principal checks and the audit trail. */
export function createKmsService(deps: KmsDeps, audit: AuditLog): ServiceImplementation<Definition, CallerContext> {
  /**
   * Wraps a handler: accepts the principal, refuses plaintext to a tenant
   * whose call crossed the network in the clear ({@link requireSecureTransportForPlaintext}), runs the
   * handler, and records the call (success or failure) in the audit trail
   * before answering. A call whose record cannot be made durable fails.
   */
  function audited<Request extends { principal?: { accountId: string; arn: string } }, Response>(
    operation: string,
    handler: KmsHandler<Request, Response>,
    recorded = true,
  ) {
    return async (request: Request, context: CallContext & CallerContext): Promise<Response> => {
      const principal = assertPrincipal(context, request.principal);
      if (principal.accountId === SERVICE_ACCOUNT_ID && !context.caller.serviceKeys) {
        // The service account holds every tenant's SSE-S3 trail and the service keys.
        throw new DomainError(ErrorReason.PRINCIPAL_NOT_ALLOWED, `credential "${context.caller.name}" may not act for the service account`);
      }
      const facts = new AuditFacts();
      const record = async (outcome: string) => {
        const time = deps.clock();
        const touched = facts.keys();
        const entries = touched.length > 0 ? touched : [{ key: undefined, version: undefined }];
        await Promise.all(
          entries.map(({ key, version }) =>
            audit.record({
              time,
              accountId: principal.accountId,
              principalArn: principal.arn,
              credential: context.caller.name,
              operation,
              keyId: key?.keyId,
              keyAccountId: key?.accountId,
              keyVersion: version,
              encryptionContext: facts.encryptionContext ?? {},
              outcome,
            }),
          ),
        );
      };
      try {
        requireSecureTransportForPlaintext(operation, context.caller, context);
        const response = await handler(deps, request, { principal, caller: context.caller, audit: facts });
        if (recorded) await record('OK');
        return response;
      } catch (error) {
        if (recorded) await record(error instanceof DomainError ? error.reasonName : ErrorReason[ErrorReason.INTERNAL]);
        throw error;
      }
    };
  }

  return {
    createKey: audited('CreateKey', createKey),
    describeKey: audited('DescribeKey', describeKey),
    listKeys: audited('ListKeys', listKeys),
    enableKey: audited('EnableKey', enableKey),
    disableKey: audited('DisableKey', disableKey),
    scheduleKeyDeletion: audited('ScheduleKeyDeletion', scheduleKeyDeletion),
    cancelKeyDeletion: audited('CancelKeyDeletion', cancelKeyDeletion),
    enableKeyRotation: audited('EnableKeyRotation', enableKeyRotation),
    disableKeyRotation: audited('DisableKeyRotation', disableKeyRotation),
    getKeyRotationStatus: audited('GetKeyRotationStatus', getKeyRotationStatus),
    rotateKeyOnDemand: audited('RotateKeyOnDemand', rotateKeyOnDemand),
    listKeyRotations: audited('ListKeyRotations', listKeyRotations),
    createAlias: audited('CreateAlias', createAlias),
    updateAlias: audited('UpdateAlias', updateAlias),
    deleteAlias: audited('DeleteAlias', deleteAlias),
    listAliases: audited('ListAliases', listAliases),
    generateDataKey: audited('GenerateDataKey', generateDataKey),
    generateDataKeyWithoutPlaintext: audited('GenerateDataKeyWithoutPlaintext', generateDataKeyWithoutPlaintext),
    encrypt: audited('Encrypt', encrypt),
    decrypt: audited('Decrypt', decrypt),
    reEncrypt: audited('ReEncrypt', reEncrypt),
    createGrant: audited('CreateGrant', createGrant),
    listGrants: audited('ListGrants', listGrants),
    revokeGrant: audited('RevokeGrant', revokeGrant),
    listAuditEvents: audited('ListAuditEvents', listAuditEvents, false),
  };
}
