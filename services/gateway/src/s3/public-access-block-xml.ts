import type { policyV1 } from '@strongroom/contracts';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { childBoolean, childrenOf, onlyChildren, type XmlElement } from './xml';
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

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

/**
 * Reads a `<PublicAccessBlockConfiguration>` body; absent settings are
 * false, as in S3, but one at least must be given (InvalidRequest), and
 * any other element is MalformedXML.
 */
export async function readPublicAccessBlock(request: S3Request): Promise<policyV1.PublicAccessBlock> {
  const document = await readXmlBody(request, 'PublicAccessBlockConfiguration', { limit: 16 * 1024 });
  onlyChildren(document, SETTINGS);
  if (!SETTINGS.some((name) => childrenOf(document)[name] !== undefined)) throw new S3Error('InvalidRequest', 'Must specify at least one configuration.');
  return {
    blockPublicAcls: childBoolean(document, 'BlockPublicAcls', false),
    ignorePublicAcls: childBoolean(document, 'IgnorePublicAcls', false),
    blockPublicPolicy: childBoolean(document, 'BlockPublicPolicy', false),
    restrictPublicBuckets: childBoolean(document, 'RestrictPublicBuckets', false),
  };
}
