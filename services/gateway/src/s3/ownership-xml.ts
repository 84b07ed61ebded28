import { policyV1 } from '@strongroom/contracts';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { childList, childText, type ParsedXml, type XmlElement } from './xml';
import { readXmlBody } from './xml-body';

const NAMES: Readonly<Record<string, policyV1.ObjectOwnership>> = {
  BucketOwnerEnforced: policyV1.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  BucketOwnerPreferred: policyV1.ObjectOwnership.BUCKET_OWNER_PREFERRED,
  ObjectWriter: policyV1.ObjectOwnership.OBJECT_WRITER,
};

/** The setting an S3 name (`BucketOwnerEnforced`, ...) names, or undefined. */
export function objectOwnershipFromName(name: string): policyV1.ObjectOwnership | undefined {
  return Object.hasOwn(NAMES, name) ? NAMES[name] : undefined;
}

/** The `<OwnershipControls>` content of a setting. */
export function ownershipControlsXml(ownership: policyV1.ObjectOwnership): XmlElement {
  const name = Object.keys(NAMES).find((candidate) => NAMES[candidate] === ownership);
  return { Rule: { ObjectOwnership: name } };
}

/** Reads an `<OwnershipControls>` body with exactly one rule. */
export async function readOwnershipControls(request: S3Request): Promise<policyV1.ObjectOwnership> {
  const document = await readXmlBody(request, 'OwnershipControls', { limit: 16 * 1024 });
  const rules = childList(document, 'Rule');
  const rule: ParsedXml | undefined = rules.length === 1 ? rules[0] : undefined;
  const ownership = objectOwnershipFromName(childText(rule, 'ObjectOwnership') ?? '');
  if (ownership === undefined) throw new S3Error('MalformedXML');
  return ownership;
}
