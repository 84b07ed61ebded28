import type { IncomingHttpHeaders } from 'node:http';
import type { SignatureFacts } from '../auth/request-context';
import { S3Error } from '../s3/errors';
import { presignedChecksumAlgorithm, presignedHeaders } from './presigned-headers';

const presigned: SignatureFacts = { kind: 'signed', signatureVersion: 'AWS4-HMAC-SHA256', authType: 'REST-QUERY-STRING', signatureAge: 0 };
const headerSigned: SignatureFacts = { ...presigned, authType: 'REST-HEADER', contentSha256: 'UNSIGNED-PAYLOAD' };

const AUTH =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=AKID%2F20261127%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20261127T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=00&X-Amz-Security-Token=token';

function hoist(query: string, headers: IncomingHttpHeaders = { host: 'example' }, verified: SignatureFacts = presigned): IncomingHttpHeaders {
  return presignedHeaders(headers, new URLSearchParams(`${AUTH}&${query}`), verified);
}

function refusal(run: () => unknown): { code: string; details: Readonly<Record<string, string>>; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return { code: error.code, details: error.details, message: error.message };
    throw error;
  }
  throw new Error('expected an S3Error');
}

describe('presignedHeaders', () => {
  it('takes every x-amz-* parameter of a presigned URL as the header of the same name, lower-cased, next to the headers sent', () => {
    const headers = hoist('x-amz-meta-Owner=ops&X-Amz-Acl=private&x-amz-tagging=a%3D1%26b%3D2&x-amz-server-side-encryption=aws%3Akms&x-id=PutObject&uploads=');
    expect(headers).toEqual({
      host: 'example',
      'x-amz-meta-owner': 'ops',
      'x-amz-acl': 'private',
      'x-amz-tagging': 'a=1&b=2',
      'x-amz-server-side-encryption': 'aws:kms',
    });
  });

  it("leaves out the URL's own auth parameters, the body checksum values and the SDK's checksum algorithm; keeps a literal checksum algorithm and mode", () => {
    const headers = hoist(
      'x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-checksum-sha256=47DEQpj8HBSa%2B%2FTImW%2B5JCeuQeRkm5NMpJWZG3hSuFU%3D&X-Amz-Sdk-Checksum-Algorithm=CRC32&x-amz-checksum-algorithm=SHA1&x-amz-checksum-mode=ENABLED',
    );
    expect(headers).toEqual({ host: 'example', 'x-amz-checksum-algorithm': 'SHA1', 'x-amz-checksum-mode': 'ENABLED' });
  });

  it('gives a header-signed or anonymous request its headers unchanged', () => {
    const sent = { host: 'example' };
    expect(hoist('x-amz-meta-owner=ops', sent, headerSigned)).toBe(sent);
    expect(hoist('x-amz-meta-owner=ops', sent, { kind: 'anonymous' })).toBe(sent);
  });

  it('sends a metadata value as its UTF-8 bytes, the way a raw UTF-8 header arrives', () => {
    expect(hoist('x-amz-meta-city=Z%C3%BCrich%20%E6%9D%B1')['x-amz-meta-city']).toBe(Buffer.from('Zürich 東', 'utf8').toString('latin1'));
  });

  it('accepts a header and a parameter that agree as text, and repeats of one value', () => {
    const utf8Header = Buffer.from('é', 'utf8').toString('latin1');
    expect(hoist('x-amz-meta-a=%C3%A9', { host: 'example', 'x-amz-meta-a': utf8Header })['x-amz-meta-a']).toBe(utf8Header);
    expect(hoist('x-amz-acl=private', { host: 'example', 'x-amz-acl': 'private' })['x-amz-acl']).toBe('private');
    expect(hoist('x-amz-acl=private&X-Amz-Acl=private')['x-amz-acl']).toBe('private');
  });

  it('refuses a header and a parameter, or two parameters, with different values: 400 InvalidArgument naming it, quoting neither', () => {
    const mismatch = refusal(() => hoist('x-amz-server-side-encryption=AES256', { host: 'example', 'x-amz-server-side-encryption': 'aws:kms' }));
    expect(mismatch).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-server-side-encryption' } });
    expect(mismatch.message).not.toMatch(/AES256|aws:kms/);
    expect(refusal(() => hoist('x-amz-acl=private&X-Amz-Acl=public-read'))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-acl' } });
  });

  it.each([
    'x-amz-server-side-encryption-customer-algorithm',
    'x-amz-server-side-encryption-customer-key',
    'X-Amz-Server-Side-Encryption-Customer-Key-MD5',
    'x-amz-copy-source-server-side-encryption-customer-key',
  ])('refuses the SSE-C parameter %s without quoting it', (name) => {
    const refused = refusal(() => hoist(`${name}=c2VjcmV0`));
    expect(refused).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: name.toLowerCase() } });
    expect(refused.message).toMatch(/Customer provided keys must be sent in request headers/);
    expect(JSON.stringify(refused)).not.toContain('c2VjcmV0');
  });

  it('refuses a parameter that no HTTP header could carry', () => {
    expect(refusal(() => hoist('x-amz-acl=a%0Ab'))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-acl' } });
    expect(refusal(() => hoist('x-amz-storage-class=%E6%9D%B1'))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-storage-class' } });
    expect(refusal(() => hoist('x-amz-meta-a%20b=1'))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-meta-a b' } });
    expect(refusal(() => hoist('x-amz-meta-a=%07'))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-meta-a' } });
  });

  it('lower-cases ASCII letters only: a Kelvin sign never becomes the k of a header name', () => {
    expect(refusal(() => hoist('x-amz-object-loc%E2%84%AA-mode=COMPLIANCE'))).toMatchObject({
      code: 'InvalidArgument',
      details: { ArgumentName: 'x-amz-object-loc\u212a-mode' },
    });
  });
});

describe('presignedChecksumAlgorithm', () => {
  const query = (text: string) => new URLSearchParams(`${AUTH}&${text}`);

  it("is a presigned URL's x-amz-sdk-checksum-algorithm, its name in any case", () => {
    expect(presignedChecksumAlgorithm(query('X-Amz-Sdk-Checksum-Algorithm=CRC32&x-amz-checksum-algorithm=SHA1'), presigned)).toBe('CRC32');
    expect(presignedChecksumAlgorithm(query('x-amz-checksum-algorithm=SHA1'), presigned)).toBeUndefined();
  });

  it('is nothing for a header-signed or anonymous request, whose query parameters are not headers', () => {
    expect(presignedChecksumAlgorithm(query('x-amz-sdk-checksum-algorithm=CRC32'), headerSigned)).toBeUndefined();
    expect(presignedChecksumAlgorithm(query('x-amz-sdk-checksum-algorithm=CRC32'), { kind: 'anonymous' })).toBeUndefined();
  });

  it('refuses two different values', () => {
    expect(refusal(() => presignedChecksumAlgorithm(query('x-amz-sdk-checksum-algorithm=CRC32&X-Amz-Sdk-Checksum-Algorithm=SHA1'), presigned)).code).toBe('InvalidArgument');
  });
});
