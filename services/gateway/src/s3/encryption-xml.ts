import { storageV1 } from '@strongroom/contracts';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { childBoolean, childList, childrenOf, childText, onlyChildren, type ParsedXml, type XmlElement } from './xml';
import { readXmlBody } from './xml-body';

const ALGORITHMS: Readonly<Record<string, storageV1.SseAlgorithm>> = {
  AES256: storageV1.SseAlgorithm.AES256,
  'aws:kms': storageV1.SseAlgorithm.AWS_KMS,
};

function single(element: ParsedXml | readonly ParsedXml[] | undefined, name: string): ParsedXml | undefined {
  const child = childrenOf(element)[name];
  if (Array.isArray(child)) throw new S3Error('MalformedXML');
  return child as ParsedXml | undefined;
}

/** What a PutBucketEncryption body asks for: the configuration, and whether the SSE-C block is left as it is. */
export type EncryptionConfigurationChange = Pick<storageV1.PutBucketEncryptionRequest, 'encryption' | 'keepSseCBlock'>;

/**
 * Reads a `<ServerSideEncryptionConfiguration>` body: exactly one `<Rule>`
 * with `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>` AES256 or
 * aws:kms, an optional `<KMSMasterKeyID>` (aws:kms only: InvalidArgument
 * otherwise), `<BucketKeyEnabled>` and `<BlockedEncryptionTypes>`; a rule
 * without the last leaves the bucket's SSE-C block as it is, as S3 does.
 * Any other element is MalformedXML; `aws:kms:dsse` is NotImplemented.
 */
export async function readEncryptionConfiguration(request: S3Request): Promise<EncryptionConfigurationChange> {
  const configuration = await readXmlBody(request, 'ServerSideEncryptionConfiguration', { limit: 64 * 1024, required: true });
  onlyChildren(configuration, ['Rule']);
  const rules = childList(configuration, 'Rule');
  if (rules.length !== 1) throw new S3Error('MalformedXML');
  const rule = rules[0];
  onlyChildren(rule, ['ApplyServerSideEncryptionByDefault', 'BucketKeyEnabled', 'BlockedEncryptionTypes']);
  const byDefault = single(rule, 'ApplyServerSideEncryptionByDefault');
  onlyChildren(byDefault, ['SSEAlgorithm', 'KMSMasterKeyID']);
  const name = childText(byDefault, 'SSEAlgorithm');
  if (name === undefined) throw new S3Error('MalformedXML');
  if (name === 'aws:kms:dsse') throw new S3Error('NotImplemented', 'Server-side encryption with aws:kms:dsse is not implemented.');
  const algorithm = ALGORITHMS[name];
  if (algorithm === undefined) throw new S3Error('MalformedXML');
  const kmsMasterKeyId = childText(byDefault, 'KMSMasterKeyID') ?? '';
  if (kmsMasterKeyId !== '' && algorithm !== storageV1.SseAlgorithm.AWS_KMS) {
    throw new S3Error('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', {
      ArgumentName: 'ApplyServerSideEncryptionByDefault',
    });
  }
  const sseCBlocked = blocksSseC(rule);
  return {
    encryption: { algorithm, kmsMasterKeyId, bucketKeyEnabled: childBoolean(rule, 'BucketKeyEnabled', false), sseCBlocked: sseCBlocked ?? false },
    keepSseCBlock: sseCBlocked === undefined,
  };
}

/** A rule's `<BlockedEncryptionTypes>`: `<EncryptionType>` SSE-C blocks SSE-C, NONE blocks nothing, no element says nothing (undefined); anything else is MalformedXML. */
function blocksSseC(rule: ParsedXml | readonly ParsedXml[] | undefined): boolean | undefined {
  const blocked = single(rule, 'BlockedEncryptionTypes');
  if (blocked === undefined) return undefined;
  onlyChildren(blocked, ['EncryptionType']);
  const types = childList(blocked, 'EncryptionType');
  if (types.some((type) => type !== 'SSE-C' && type !== 'NONE')) throw new S3Error('MalformedXML');
  return types.includes('SSE-C');
}

/** A bucket's default encryption as S3's `<ServerSideEncryptionConfiguration>` content. */
export function encryptionConfigurationXml(encryption: storageV1.BucketEncryption | undefined): XmlElement {
  const kms = encryption?.algorithm === storageV1.SseAlgorithm.AWS_KMS;
  return {
    Rule: {
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: kms ? 'aws:kms' : 'AES256',
        KMSMasterKeyID: kms && encryption.kmsMasterKeyId !== '' ? encryption.kmsMasterKeyId : undefined,
      },
      BucketKeyEnabled: encryption?.bucketKeyEnabled ?? false,
      BlockedEncryptionTypes: encryption?.sseCBlocked === true ? { EncryptionType: 'SSE-C' } : undefined,
    },
  };
}

/**
 * The encryption configuration APIs require SigV4, as S3 does (400
 * InvalidRequest otherwise). Not TLS: S3 asks that of SSE-KMS object
 * requests only, not of the bucket's configuration. Over plain HTTP,
 * though, Strongroom also wants the payload signed: an unsigned
 * configuration could be rewritten on the way (another key, or none) under
 * a valid signature. The SDKs sign payloads over HTTP anyway.
 */
export function requireSigV4(request: S3Request): void {
  const { context } = request.requester;
  if (context['s3:signatureversion']?.values[0] !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  if (context['aws:SecureTransport']?.values[0] !== 'true' && context['s3:x-amz-content-sha256']?.values[0]?.includes('UNSIGNED') === true) {
    throw new S3Error('InvalidRequest', 'Over plain HTTP, requests to the bucket encryption configuration must sign their payload (x-amz-content-sha256).');
  }
}
