import { header, type S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { integerValue } from './params';

/** The attributes GetObjectAttributes can be asked for. */
export const OBJECT_ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;

/** One attribute GetObjectAttributes can be asked for. */
export type ObjectAttribute = (typeof OBJECT_ATTRIBUTES)[number];

const ATTRIBUTES_HEADER = 'x-amz-object-attributes';

function isObjectAttribute(name: string): name is ObjectAttribute {
  return (OBJECT_ATTRIBUTES as readonly string[]).includes(name);
}

/**
 * The attributes `x-amz-object-attributes` asks for: a comma-separated list
 * (repeated headers count as one list), names matched case-sensitively as
 * S3 does. Missing or empty is InvalidRequest, an unknown name
 * InvalidArgument, as S3 answers them.
 */
export function requestedAttributes(request: Pick<S3Request, 'headers'>): ReadonlySet<ObjectAttribute> {
  const names = (header(request, ATTRIBUTES_HEADER) ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new S3Error('InvalidRequest', 'The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty');
  }
  const unknown = names.find((name) => !isObjectAttribute(name));
  if (unknown !== undefined) {
    throw new S3Error('InvalidArgument', 'Invalid attribute name specified.', { ArgumentName: ATTRIBUTES_HEADER, ArgumentValue: unknown });
  }
  return new Set(names.filter(isObjectAttribute));
}

/** The parts page GetObjectAttributes asks for, from its headers. */
export interface PartsPaging {
  /** `x-amz-max-parts`: 1 to 1000 (larger values capped; 0 would page forever), 1000 when absent. */
  readonly maxParts: number;
  /** `x-amz-part-number-marker`: list the parts after this number; 0 when absent. */
  readonly partNumberMarker: number;
}

/** `x-amz-max-parts` and `x-amz-part-number-marker`; InvalidArgument when not a non-negative integer. */
export function partsPaging(request: Pick<S3Request, 'headers'>): PartsPaging {
  return {
    maxParts: integerValue('x-amz-max-parts', header(request, 'x-amz-max-parts'), 1000, 1, 1000),
    partNumberMarker: integerValue('x-amz-part-number-marker', header(request, 'x-amz-part-number-marker'), 0, 0, 10000),
  };
}
