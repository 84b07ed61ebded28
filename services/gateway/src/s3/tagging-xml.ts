import type { storageV1 } from '@strongroom/contracts';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { childList, childText, childrenOf, type XmlElement } from './xml';
import { readXmlBody } from './xml-body';

/** Reads a `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>` body; limits are the storage service's. */
export async function readTagging(request: S3Request): Promise<storageV1.Tag[]> {
  const tagging = await readXmlBody(request, 'Tagging', { limit: 64 * 1024 });
  const tagSet = childrenOf(tagging).TagSet;
  if (tagSet === undefined || Array.isArray(tagSet)) throw new S3Error('MalformedXML');
  return childList(tagSet as XmlElement as never, 'Tag').map((tag) => {
    const key = childText(tag, 'Key');
    if (key === undefined) throw new S3Error('MalformedXML');
    return { key, value: childText(tag, 'Value') ?? '' };
  });
}

/** The `<TagSet>` of a tag set. */
export function tagSetXml(tags: readonly storageV1.Tag[]): XmlElement {
  return { TagSet: { Tag: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } };
}
