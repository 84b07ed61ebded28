import { isSigV4Error, type SigV4Request, type SignedRequest } from '../src';
import { crc32c, referenceSigningKey, signedChunkedBody, unsignedChunkedBody } from './support/reference-chunk-signer';
import { decodeAll } from './support/streams';
import { DOCS_SECRET, DOCS_TIME, docsAuthorization, docsVerifier, isWiped, withHeaders, type TestPrincipal } from './support/fixtures';

/**
 * The worked examples of AWS's S3 signing documentation ("Examples: Signature
 * Calculations", "Transferring Payload in Multiple Chunks", "Including
 * Trailing Headers", "Query String Authentication"), with their published
 * signatures as fixed vectors.
 */
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const verifier = docsVerifier();

async function signed(request: SigV4Request): Promise<SignedRequest<TestPrincipal>> {
  const result = await verifier.verify(request);
  if (result.kind !== 'signed') throw new Error('expected a signed request');
  return result;
}

describe('AWS documentation examples (header form)', () => {
  it('GET Object with a Range header', async () => {
    const result = await signed({
      method: 'GET',
      path: '/test.txt',
      query: '',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY,
        'x-amz-date': '20130524T000000Z',
        authorization: docsAuthorization(
          'host;range;x-amz-content-sha256;x-amz-date',
          'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
        ),
      },
    });
    expect(result).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', authType: 'REST-HEADER', signatureAge: 0, contentSha256: EMPTY });
    expect(result.principal.arn).toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('PUT Object with a Date header and an escaped $ in the key, checking the body hash', async () => {
    const result = await signed({
      method: 'PUT',
      path: '/test%24file.text',
      query: '',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        authorization: docsAuthorization(
          'date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
          '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
        ),
      },
    });
    expect(result.payload).toEqual({ kind: 'sha256', sha256: '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072' });
    expect((await decodeAll(result.decodeBody(), Buffer.from('Welcome to Amazon S3.'), 5)).toString()).toBe('Welcome to Amazon S3.');
    await expect(decodeAll(result.decodeBody(), Buffer.from('Welcome to Amazon S3!'))).rejects.toMatchObject({
      code: 'XAmzContentSHA256Mismatch',
    });
  });

  it('GET Bucket lifecycle (a valueless sub-resource) and GET Bucket with query parameters', async () => {
    const headers = { host: 'examplebucket.s3.amazonaws.com', 'x-amz-content-sha256': EMPTY, 'x-amz-date': '20130524T000000Z' };
    const signedHeaders = 'host;x-amz-content-sha256;x-amz-date';
    await signed({
      method: 'GET',
      path: '/',
      query: 'lifecycle',
      headers: {
        ...headers,
        authorization: docsAuthorization(signedHeaders, 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543'),
      },
    });
    await signed({
      method: 'GET',
      path: '/',
      query: 'max-keys=2&prefix=J',
      headers: {
        ...headers,
        authorization: docsAuthorization(signedHeaders, '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7'),
      },
    });
  });
});

describe('AWS documentation example: presigned GET', () => {
  const request: SigV4Request = {
    method: 'GET',
    path: '/test.txt',
    query:
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    headers: { host: 'examplebucket.s3.amazonaws.com' },
  };

  it('verifies within its 24 hours, as REST-QUERY-STRING with an unsigned payload', async () => {
    const result = await docsVerifier(DOCS_TIME + 86_400_000).verify(request);
    expect(result).toMatchObject({
      kind: 'signed',
      authType: 'REST-QUERY-STRING',
      contentSha256: 'UNSIGNED-PAYLOAD',
      signatureAge: 86_400_000,
    });
    expect(result.kind === 'signed' && result.expiresAt).toBe(DOCS_TIME + 86_400_000);
  });

  it('is AccessDenied "Request has expired" a millisecond later', async () => {
    await expect(docsVerifier(DOCS_TIME + 86_400_001).verify(request)).rejects.toMatchObject({
      code: 'AccessDenied',
      message: 'Request has expired',
      httpStatus: 403,
    });
  });
});

const chunkedHeaders = {
  host: 's3.amazonaws.com',
  'x-amz-date': '20130524T000000Z',
  'x-amz-storage-class': 'REDUCED_REDUNDANCY',
  'content-encoding': 'aws-chunked',
  'x-amz-decoded-content-length': '66560',
};
const payload = Buffer.alloc(66_560, 'a');
const chunks = [payload.subarray(0, 65_536), payload.subarray(65_536)];
const signingKey = referenceSigningKey(DOCS_SECRET, '20130524', 'us-east-1', 's3');
const reference = (seedSignature: string) => ({
  signingKey,
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
  seedSignature,
});

describe('AWS documentation example: PUT Object in signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  const seed = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
  const request: SigV4Request = {
    method: 'PUT',
    path: '/examplebucket/chunkObject.txt',
    query: '',
    headers: {
      ...chunkedHeaders,
      'content-length': '66824',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      authorization: docsAuthorization(
        'content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class',
        seed,
      ),
    },
  };
  const encoded = signedChunkedBody(reference(seed), chunks);

  it('the reference encoder reproduces the published chunk signatures and length', () => {
    expect(encoded.chunkSignatures).toEqual([
      'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
      '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
      'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
    ]);
    expect(encoded.body.length).toBe(66_824);
  });

  it('verifies the seed signature and decodes every chunk, whatever the write boundaries', async () => {
    expect((await signed(request)).payload).toEqual({ kind: 'aws-chunked', signed: true, trailer: undefined, decodedContentLength: 66_560 });
    for (const pieceSize of [1, 7, 8192, 65_600, encoded.body.length]) {
      const decoded = await decodeAll((await signed(request)).decodeBody(), encoded.body, pieceSize);
      expect(decoded.equals(payload)).toBe(true);
    }
  });

  it('accepts the body without the final blank line, as the documentation prints it', async () => {
    const result = await signed(request);
    const decoded = await decodeAll(result.decodeBody(), encoded.body.subarray(0, -2));
    expect(decoded.equals(payload)).toBe(true);
  });

  it('wipes its copy of the signing key once the body ends, fails or is destroyed, and not while the body is read', async () => {
    const handed: Buffer[] = [];
    const keyed = docsVerifier(DOCS_TIME, handed);
    const decodeOnce = async (body: Buffer) => {
      const result = await keyed.verify(request);
      if (result.kind !== 'signed') throw new Error('expected a signed request');
      expect(isWiped(handed.at(-1)!)).toBe(false);
      const decoder = result.decodeBody();
      expect(() => result.decodeBody()).toThrow(TypeError);
      return { decoder, decoded: decodeAll(decoder, body) };
    };
    await (await decodeOnce(encoded.body)).decoded;
    expect(isWiped(handed[0]!)).toBe(true);
    const tampered = Buffer.from(encoded.body);
    tampered[66_000] = 'b'.charCodeAt(0);
    await expect((await decodeOnce(tampered)).decoded).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(isWiped(handed[1]!)).toBe(true);
    const aborted = await keyed.verify(request);
    if (aborted.kind !== 'signed') throw new Error('expected a signed request');
    const decoder = aborted.decodeBody();
    decoder.write(encoded.body.subarray(0, 66_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(decoder.readableLength).toBe(65_536);
    expect(isWiped(handed[2]!)).toBe(false);
    decoder.destroy();
    expect(isWiped(handed[2]!)).toBe(true);
  });

  it('releaseSigningKey wipes the key of a body never decoded, and leaves a decoder\'s key alone', async () => {
    const handed: Buffer[] = [];
    const keyed = docsVerifier(DOCS_TIME, handed);
    const refused = await keyed.verify(request);
    expect(isWiped(handed[0]!)).toBe(false);
    refused.releaseSigningKey();
    refused.releaseSigningKey();
    expect(isWiped(handed[0]!)).toBe(true);
    expect(() => refused.decodeBody()).toThrow(TypeError);
    const decoded = await keyed.verify(request);
    const decoder = decoded.decodeBody();
    decoded.releaseSigningKey();
    expect(isWiped(handed[1]!)).toBe(false);
    expect((await decodeAll(decoder, encoded.body, 8192)).equals(payload)).toBe(true);
    expect(isWiped(handed[1]!)).toBe(true);
  });

  it('rejects a one-byte change in the data with SignatureDoesNotMatch carrying the chunk string to sign', async () => {
    const result = await signed(request);
    const tampered = Buffer.from(encoded.body);
    tampered[66_000] = 'b'.charCodeAt(0);
    const error: unknown = await decodeAll(result.decodeBody(), tampered).catch((caught: unknown) => caught);
    expect(isSigV4Error(error, 'SignatureDoesNotMatch')).toBe(true);
    expect(isSigV4Error(error) && error.stringToSign).toMatch(/^AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n/);
  });
});

describe('AWS documentation example: PUT Object with a signed trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER)', () => {
  const seed = '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e';
  const request: SigV4Request = {
    method: 'PUT',
    path: '/examplebucket/chunkObject.txt',
    query: '',
    headers: {
      ...chunkedHeaders,
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      'x-amz-trailer': 'x-amz-checksum-crc32c',
      authorization: docsAuthorization(
        'content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer',
        seed,
      ),
    },
  };
  const encoded = signedChunkedBody(reference(seed), chunks, ['x-amz-checksum-crc32c', 'sOO8/Q==']);

  it('the reference encoder reproduces the published chunk and trailer signatures', () => {
    expect(crc32c(payload).toString('base64')).toBe('sOO8/Q==');
    expect(encoded.chunkSignatures).toEqual([
      'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
      '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
      '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
    ]);
    expect(encoded.trailerSignature).toBe('d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435');
  });

  it('decodes, verifies the trailer signature and the CRC32C, and fails BadDigest on a wrong value', async () => {
    const result = await signed(request);
    const decoder = result.decodeBody();
    expect((await decodeAll(decoder, encoded.body, 1000)).equals(payload)).toBe(true);
    expect(decoder.checksum).toEqual({ name: 'x-amz-checksum-crc32c', algorithm: 'CRC32C', value: 'sOO8/Q==', verified: true });
    const wrong = signedChunkedBody(reference(seed), chunks, ['x-amz-checksum-crc32c', 'AAAAAA==']);
    await expect(decodeAll((await signed(request)).decodeBody(), wrong.body)).rejects.toMatchObject({ code: 'BadDigest' });
  });

  it('with a factory that declines the algorithm, exposes the CRC32C unverified for the caller to check', async () => {
    const result = await signed(request);
    const decoder = result.decodeBody({ checksums: () => undefined });
    await decodeAll(decoder, signedChunkedBody(reference(seed), chunks, ['x-amz-checksum-crc32c', 'AAAAAA==']).body);
    expect(decoder.checksum).toEqual({ name: 'x-amz-checksum-crc32c', algorithm: 'CRC32C', value: 'AAAAAA==', verified: false });
  });

  it('rejects a changed trailer value (signature no longer matches)', async () => {
    const result = await signed(request);
    const tampered = Buffer.from(encoded.body.toString('latin1').replace('sOO8/Q==', 'sOO8/Q=='.replace('Q', 'R')), 'latin1');
    await expect(decodeAll(result.decodeBody(), tampered)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});

describe('AWS documentation example: unsigned chunks with a trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  // The documentation prints the path as `/Key+` and signs it as `/Key%2B`: the key `Key+`, which a client sends as `%2B`
  // (S3 reads a raw `+` in the path as a space, so the printed request line would name the key `Key `).
  const request: SigV4Request = {
    method: 'PUT',
    path: '/Key%2B',
    query: '',
    headers: {
      host: 'amzn-s3-demo-bucket.s3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '17408',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-trailer': 'x-amz-checksum-crc32',
      authorization: docsAuthorization(
        'content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-trailer',
        '8fdf2b7a7005b82789d2a9cec832705457298e8a6a908f8c85f17e44c707aa64',
      ),
    },
  };
  const data = Buffer.alloc(17_408, 'a');
  const pieces = [data.subarray(0, 8192), data.subarray(8192, 16_384), data.subarray(16_384)];

  it('verifies (the key Key+ signs as %2B) and checks the CRC32 trailer natively', async () => {
    const result = await signed(request);
    const decoder = result.decodeBody();
    expect((await decodeAll(decoder, unsignedChunkedBody(pieces, ['x-amz-checksum-crc32', 's3SFCQ==']), 3000)).equals(data)).toBe(true);
    expect(decoder.checksum).toMatchObject({ algorithm: 'CRC32', value: 's3SFCQ==', verified: true });
  });

  it('accepts the body exactly as the documentation prints it (a stray newline after the checksum)', async () => {
    const result = await signed(request);
    const printed = Buffer.concat([
      unsignedChunkedBody(pieces, ['x', 'y']).subarray(0, -'0\r\nx:y\r\n\r\n'.length),
      Buffer.from('0\r\nx-amz-checksum-crc32:s3SFCQ==\n\r\n\r\n'),
    ]);
    expect((await decodeAll(result.decodeBody(), printed)).equals(data)).toBe(true);
  });

  it('fails BadDigest when the decoded bytes do not match the CRC32', async () => {
    const result = await signed(request);
    await expect(decodeAll(result.decodeBody(), unsignedChunkedBody(pieces, ['x-amz-checksum-crc32', 'AAAAAA==']))).rejects.toMatchObject({
      code: 'BadDigest',
      httpStatus: 400,
    });
  });

  it('rejects the request itself once a signed header changes', async () => {
    await expect(verifier.verify(withHeaders(request, { 'x-amz-decoded-content-length': '17409' }))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });
});
