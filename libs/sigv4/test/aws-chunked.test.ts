import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checksumOf } from '@strongroom/checksums';
import { AwsChunkedDecoder, type AwsChunkedBody, type ChunkSigningContext } from '../src';
import { referenceSigningKey, signedChunkedBody, split, unsignedChunkedBody } from './support/reference-chunk-signer';
import { decodeAll } from './support/streams';

/** aws-chunked edge cases, with bodies from the independent reference encoder. */
const signing: ChunkSigningContext = {
  signingKey: referenceSigningKey('chunk/secret', '20240301', 'eu-west-1', 's3'),
  amzDate: '20240301T120000Z',
  scope: '20240301/eu-west-1/s3/aws4_request',
  seedSignature: 'c0ffee'.repeat(10) + 'c0ff',
};
const data = Buffer.concat(Array.from({ length: 6250 }, (_, i) => createHash('sha256').update(String(i)).digest()));
const chunks = split(data, 65_536);
const signedBody = signedChunkedBody(signing, chunks).body;
const trailer = ['x-amz-checksum-sha256', 'placeholder'] as const;

/** A decoder of signed chunks, with a copy of the signing key of its own to wipe. */
const signedDecoder = (overrides: Partial<AwsChunkedBody> = {}, maxChunkSize?: number): AwsChunkedDecoder =>
  new AwsChunkedDecoder(
    { signing: { ...signing, signingKey: Buffer.from(signing.signingKey) }, trailer: undefined, decodedContentLength: data.length, ...overrides },
    { maxChunkSize },
  );
const unsignedDecoder = (overrides: Partial<AwsChunkedBody> = {}): AwsChunkedDecoder =>
  new AwsChunkedDecoder({ signing: undefined, trailer: 'x-amz-checksum-crc32', decodedContentLength: data.length, ...overrides });

const codeOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? error,
  );

describe('signed aws-chunked bodies', () => {
  it('decode at any write boundary', async () => {
    for (const pieceSize of [1, 2, 3, 89, 65_536, 65_627, signedBody.length]) {
      expect((await decodeAll(signedDecoder(), signedBody, pieceSize)).equals(data)).toBe(true);
    }
  });

  it('emit a chunk only once its signature has verified', async () => {
    const decoder = signedDecoder();
    const firstChunkEnd = signedBody.indexOf('\r\n', 0, 'latin1') + 2 + 65_536;
    decoder.write(signedBody.subarray(0, firstChunkEnd - 1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(decoder.readableLength).toBe(0);
    decoder.write(signedBody.subarray(firstChunkEnd - 1, firstChunkEnd));
    await new Promise((resolve) => setImmediate(resolve));
    expect(decoder.readableLength).toBe(65_536);
    decoder.destroy();
  });

  it.each([
    ['in a size line', 10],
    ['inside a chunk', 1000],
    ['before the final chunk', signedBody.lastIndexOf('0;chunk-signature=')],
    ['inside the final chunk line', signedBody.length - 20],
  ])('cut short %s: IncompleteBody', async (_where, length) => {
    expect(await codeOf(decodeAll(signedDecoder(), signedBody.subarray(0, length)))).toBe('IncompleteBody');
  });

  it('without the final zero-length chunk: IncompleteBody', async () => {
    const withoutFinal = signedBody.subarray(0, signedBody.lastIndexOf('0;chunk-signature='));
    expect(await codeOf(decodeAll(signedDecoder(), withoutFinal))).toBe('IncompleteBody');
  });

  it('longer or shorter than x-amz-decoded-content-length: IncompleteBody', async () => {
    expect(await codeOf(decodeAll(signedDecoder({ decodedContentLength: data.length + 1 }), signedBody))).toBe('IncompleteBody');
    expect(await codeOf(decodeAll(signedDecoder({ decodedContentLength: data.length - 1 }), signedBody))).toBe('IncompleteBody');
  });

  it('with chunks reordered, a flipped byte, or another seed: SignatureDoesNotMatch', async () => {
    const [first, second, ...rest] = chunks;
    const reordered = signedChunkedBody(signing, [second!, first!, ...rest]).body;
    const swapped = Buffer.concat([reordered.subarray(0, 65_536 + 89), signedBody.subarray(65_536 + 89)]);
    expect(await codeOf(decodeAll(signedDecoder(), swapped))).toBe('SignatureDoesNotMatch');
    const flipped = Buffer.from(signedBody);
    flipped[150_000] = (flipped[150_000] ?? 0) ^ 1;
    expect(await codeOf(decodeAll(signedDecoder(), flipped))).toBe('SignatureDoesNotMatch');
    const otherSeed = signedChunkedBody({ ...signing, seedSignature: 'f'.repeat(64) }, chunks).body;
    expect(await codeOf(decodeAll(signedDecoder(), otherSeed))).toBe('SignatureDoesNotMatch');
  });

  it('with a missing signature, broken framing or an oversized chunk: InvalidArgument', async () => {
    const unsignedFraming = unsignedChunkedBody(chunks, trailer);
    expect(await codeOf(decodeAll(signedDecoder(), unsignedFraming))).toBe('InvalidArgument');
    const noCrlf = Buffer.from(signedBody);
    noCrlf[signedBody.indexOf('\r\n', 0, 'latin1') + 2 + 65_536] = 0x58;
    expect(await codeOf(decodeAll(signedDecoder(), noCrlf))).toBe('InvalidArgument');
    expect(await codeOf(decodeAll(signedDecoder({}, 65_535), signedBody))).toBe('InvalidArgument');
    expect(await codeOf(decodeAll(signedDecoder(), Buffer.alloc(5000, 'f')))).toBe('InvalidArgument');
    expect(await codeOf(decodeAll(signedDecoder(), Buffer.concat([signedBody, Buffer.from('junk')])))).toBe('InvalidArgument');
  });
});

describe('signed aws-chunked bodies with a trailer', () => {
  const body = (value = 'SGVsbG8=') => signedChunkedBody(signing, chunks, ['x-amz-checksum-sha256', value]);
  const decoder = () => signedDecoder({ trailer: 'x-amz-checksum-sha256' });
  const sha256 = (): string => createHash('sha256').update(data).digest('base64');

  it('verify the trailer signature and the SHA256 checksum', async () => {
    const ok = decoder();
    expect((await decodeAll(ok, body(sha256()).body, 4096)).equals(data)).toBe(true);
    expect(ok.checksum).toEqual({ name: 'x-amz-checksum-sha256', algorithm: 'SHA256', value: sha256(), verified: true });
    expect(await codeOf(decodeAll(decoder(), body().body))).toBe('BadDigest');
  });

  it('without the trailer signature, or cut before the trailer: IncompleteBody', async () => {
    const full = body(sha256()).body.toString('latin1');
    const unsignedTrailer = full.slice(0, full.indexOf('x-amz-trailer-signature:'));
    expect(await codeOf(decodeAll(decoder(), Buffer.from(unsignedTrailer, 'latin1')))).toBe('IncompleteBody');
    const noTrailer = full.slice(0, full.indexOf('x-amz-checksum-sha256:'));
    expect(await codeOf(decodeAll(decoder(), Buffer.from(noTrailer, 'latin1')))).toBe('IncompleteBody');
  });

  it('with a forged trailer signature: SignatureDoesNotMatch; with an undeclared or repeated trailer: MalformedTrailerError', async () => {
    const full = body(sha256()).body.toString('latin1');
    const forged = full.replace(/x-amz-trailer-signature:[0-9a-f]{64}/, `x-amz-trailer-signature:${'0'.repeat(64)}`);
    expect(await codeOf(decodeAll(decoder(), Buffer.from(forged, 'latin1')))).toBe('SignatureDoesNotMatch');
    const undeclared = full.replace('x-amz-checksum-sha256:', 'x-amz-checksum-crc32:');
    expect(await codeOf(decodeAll(decoder(), Buffer.from(undeclared, 'latin1')))).toBe('MalformedTrailerError');
    const line = `x-amz-checksum-sha256:${sha256()}\r\n`;
    const repeated = full.replace(line, line + line);
    expect(await codeOf(decodeAll(decoder(), Buffer.from(repeated, 'latin1')))).toBe('MalformedTrailerError');
  });
});

describe('unsigned aws-chunked bodies', () => {
  it('pass data through as it arrives, before the body ends', async () => {
    const decoder = unsignedDecoder();
    const body = unsignedChunkedBody(chunks, trailer);
    decoder.write(body.subarray(0, 1000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(decoder.readableLength).toBeGreaterThan(900);
    decoder.destroy();
  });

  it('verify a CRC64NVME trailer', async () => {
    const value = checksumOf('CRC64NVME', data).toString('base64');
    const decoder = unsignedDecoder({ trailer: 'x-amz-checksum-crc64nvme' });
    await decodeAll(decoder, unsignedChunkedBody(chunks, ['x-amz-checksum-crc64nvme', value]));
    expect(decoder.checksum).toEqual({ name: 'x-amz-checksum-crc64nvme', algorithm: 'CRC64NVME', value, verified: true });
  });

  it('cut short anywhere: IncompleteBody (and nothing is lost before the cut)', async () => {
    const body = unsignedChunkedBody(chunks, ['x-amz-checksum-crc32', 'AAAAAA==']);
    for (const length of [0, 3, 70_000, body.length - 30, body.length - 13]) {
      expect(await codeOf(decodeAll(unsignedDecoder(), body.subarray(0, length)))).toBe('IncompleteBody');
    }
    const out: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    });
    await expect(pipeline(Readable.from([body.subarray(0, 70_000)]), unsignedDecoder(), sink)).rejects.toMatchObject({
      code: 'IncompleteBody',
    });
    expect(Buffer.concat(out).equals(data.subarray(0, Buffer.concat(out).length))).toBe(true);
  });

  it('with a size line that never ends: InvalidArgument', async () => {
    expect(await codeOf(decodeAll(unsignedDecoder(), Buffer.alloc(10_000, '1')))).toBe('InvalidArgument');
  });
});

describe('chunk sizes, signed and unsigned alike', () => {
  const bodies = (pieces: readonly Buffer[]) => {
    const length = pieces.reduce((total, piece) => total + piece.length, 0);
    return [
      { decoder: signedDecoder({ decodedContentLength: length }), body: signedChunkedBody(signing, pieces).body },
      {
        decoder: unsignedDecoder({ decodedContentLength: length }),
        body: unsignedChunkedBody(pieces, ['x-amz-checksum-crc32', checksumOf('CRC32', Buffer.concat(pieces)).toString('base64')]),
      },
    ];
  };
  const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'ok', (error: unknown) => error);

  it('any chunk but the last may not hold under 8192 bytes: InvalidChunkSizeError naming the chunk after it, as S3 counts', async () => {
    for (const { decoder, body } of bodies([data.subarray(0, 8192), data.subarray(8192, 16_383), data.subarray(16_383, 20_000)])) {
      expect(await failure(decodeAll(decoder, body))).toMatchObject({
        code: 'InvalidChunkSizeError',
        message: 'Only the last chunk is allowed to have a size less than 8192 bytes',
        details: { Chunk: '3', BadChunkSize: '8191' },
      });
    }
    for (const { decoder, body } of bodies([data.subarray(0, 3), data.subarray(3, 5)])) {
      expect(await failure(decodeAll(decoder, body))).toMatchObject({ code: 'InvalidChunkSizeError', details: { Chunk: '2', BadChunkSize: '3' } });
    }
  });

  it('a last chunk, or a single chunk, of any size is fine', async () => {
    for (const pieces of [[data.subarray(0, 1)], [data.subarray(0, 8192), data.subarray(8192, 8193)], [data.subarray(0, 8192), data.subarray(8192, 16_384)]]) {
      for (const { decoder, body } of bodies(pieces)) expect((await decodeAll(decoder, body)).equals(Buffer.concat(pieces))).toBe(true);
    }
  });
});
