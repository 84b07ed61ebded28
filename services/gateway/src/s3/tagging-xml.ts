import type { storageV1 } from '@strongroom/contracts';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { childList, childText, childrenOf, onlyChildren, type ParsedXml, type XmlElement } from './xml';
import { readXmlBody } from './xml-body';

/**
 * The tags of a parsed `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>`;
 * any other element is MalformedXML, as in S3 (read leniently, `<TagSet><a/></TagSet>`
 * was an empty tag set that cleared the tags). Limits are the storage service's.
 */
export function tagsOf(tagging: ParsedXml): storageV1.Tag[] {
  onlyChildren(tagging, ['TagSet']);
  return tagListOf(childrenOf(tagging).TagSet);
}

/** The tags of a list of `<Tag><Key/><Value/></Tag>` (a `<TagSet>`, or CreateBucketConfiguration's `<Tags>`); MalformedXML otherwise. */
export function tagListOf(list: ParsedXml | readonly ParsedXml[] | undefined): storageV1.Tag[] {
  if (list === undefined || Array.isArray(list)) throw new S3Error('MalformedXML');
  onlyChildren(list as XmlElement as never, ['Tag']);
  return childList(list as XmlElement as never, 'Tag').map((tag) => {
    onlyChildren(tag, ['Key', 'Value']);
    const key = childText(tag, 'Key');
    const value = childText(tag, 'Value');
    if (key === undefined || value === undefined) throw new S3Error('MalformedXML');
    return { key, value };
  });
}

/**
 * Reads a `<Tagging>` request body (PutObjectTagging, PutBucketTagging);
 * `digest.required` asks for Content-MD5 or a checksum of it, as
 * PutBucketTagging does in S3.
 */
export async function readTagging(request: S3Request, digest: { readonly required: boolean }): Promise<storageV1.Tag[]> {
  return tagsOf(await readXmlBody(request, 'Tagging', { limit: 64 * 1024, required: digest.required }));
}

/** The `<TagSet>` of a tag set. */
export function tagSetXml(tags: readonly storageV1.Tag[]): XmlElement {
  return { TagSet: { Tag: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } };
}
