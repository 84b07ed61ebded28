import type { policyV1 } from '@strongroom/contracts';
import type { S3Request } from '../http/s3-request';
import { childBoolean, type XmlElement } from './xml';
import { readXmlBody } from './xml-body';

/** The `<PublicAccessBlockConfiguration>` content of the four settings. */
export function publicAccessBlockXml(settings: policyV1.PublicAccessBlock | undefined): XmlElement {
  return {
    BlockPublicAcls: settings?.blockPublicAcls ?? false,
    IgnorePublicAcls: settings?.ignorePublicAcls ?? false,
    BlockPublicPolicy: settings?.blockPublicPolicy ?? false,
    RestrictPublicBuckets: settings?.restrictPublicBuckets ?? false,
  };
}

/** Reads a `<PublicAccessBlockConfiguration>` body; absent settings are false, as in S3. */
export async function readPublicAccessBlock(request: S3Request): Promise<policyV1.PublicAccessBlock> {
  const document = await readXmlBody(request, 'PublicAccessBlockConfiguration', { limit: 16 * 1024 });
  return {
    blockPublicAcls: childBoolean(document, 'BlockPublicAcls', false),
    ignorePublicAcls: childBoolean(document, 'IgnorePublicAcls', false),
    blockPublicPolicy: childBoolean(document, 'BlockPublicPolicy', false),
    restrictPublicBuckets: childBoolean(document, 'RestrictPublicBuckets', false),
  };
}
