import { MultipartFormReader } from '../http/multipart-form';
import { S3Error } from './errors';

/** The most bytes before the file (preamble, fields, delimiters and part headers), as in S3: 20 KiB. */
const PRE_FILE_LIMIT = 20 * 1024;

/**
 * The most bytes read after the file (fields after it, which S3 ignores,
 * and the epilogue) while the upload is still open: 20 KiB as well.
 */
const POST_FILE_LIMIT = 20 * 1024;

/** A boundary as RFC 2046 allows it: 1 to 70 characters, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** A POST form read up to its file: the fields, and the file still to be streamed. */
export interface PostForm {
  /** The fields before the file, names lower case; each sent once. */
  readonly fields: ReadonlyMap<string, string>;
  /** The file part's file name as sent (empty when it has none). */
  readonly filename: string;
  /** The file's bytes, read from the request as they are consumed. */
  readonly file: AsyncIterable<Buffer>;
  /** Reads the rest of the request once the file was consumed: fields after the file are ignored, as in S3; beyond 20 KiB of them is MalformedPOSTRequest. */
  finish(): Promise<void>;
}

/** MaxPostPreDataLengthExceeded with the limit, as S3 words it (its message's spelling included). */
function tooLarge(): S3Error {
  return new S3Error('MaxPostPreDataLengthExceeded', undefined, { MaxPostPreDataLengthBytes: String(PRE_FILE_LIMIT) });
}

/**
 * What S3 answers a form without a file: InvalidArgument naming `file`
 * and the count of files, 0 (its error table's
 * IncorrectNumberOfFilesInPostRequest is not what it sends).
 */
function noFile(): S3Error {
  return new S3Error('InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: '0' });
}

/**
 * InvalidArgument for a field sent twice. Joined with a comma (what S3's
 * SigV2 documentation describes), a repeated value would be matched against
 * the policy as one string, and `Content-Type=image/png` plus
 * `Content-Type=text/html` would pass `["starts-with", "$Content-Type", "image/"]`.
 */
function repeatedField(name: string): S3Error {
  return new S3Error('InvalidArgument', `POST form fields must be unique; '${name}' was sent more than once.`, { ArgumentName: name });
}

/**
 * The boundary of a POST's body. A request that is not
 * `multipart/form-data` is PreconditionFailed, as S3 answers a bucket POST
 * of another enclosure type; a missing or malformed boundary is
 * MalformedPOSTRequest.
 */
export function formBoundary(contentType: string | undefined): string {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'multipart/form-data') {
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' });
  }
  const raw = parameters.map((parameter) => /^\s*boundary\s*=\s*(.*?)\s*$/i.exec(parameter)?.[1]).find((value) => value !== undefined);
  const boundary = raw?.startsWith('"') === true && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  if (boundary === undefined || !BOUNDARY.test(boundary)) throw new S3Error('MalformedPOSTRequest');
  return boundary;
}

/**
 * Reads a POST form's fields, up to and including the headers of its
 * `file` part, which must come last. Everything before the file (preamble
 * included) may take 20 KiB (MaxPostPreDataLengthExceeded beyond); a field
 * sent twice (names compared case-insensitively) is InvalidArgument, and
 * so is a form without a file ({@link noFile}).
 */
export async function readPostForm(body: AsyncIterable<Buffer>, boundary: string): Promise<PostForm> {
  const reader = new MultipartFormReader(body, boundary, tooLarge);
  const fields = new Map<string, string>();
  for (;;) {
    const part = await reader.next(Math.max(0, PRE_FILE_LIMIT - reader.position));
    if (part === undefined) throw noFile();
    const name = part.name.toLowerCase();
    if (name === 'file') {
      return { fields, filename: part.filename ?? '', file: reader.body(), finish: () => reader.drain(POST_FILE_LIMIT) };
    }
    if (fields.has(name)) throw repeatedField(name);
    fields.set(name, await reader.text(Math.max(0, PRE_FILE_LIMIT - reader.position)));
  }
}
