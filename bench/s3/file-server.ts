import { createSealStream, createStreamOpener, encodeEncryptionContext, opensslWrapCipher, systemRandom, unwrapKey, wrapKey } from '@strongroom/crypto';
import { createHash, randomBytes, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectIndex } from './object-index';

/**
 * What a baseline file server does: nothing to bodies (`plain`); what SSE-S3
 * must do (`sealed`: MD5 for the ETag, AES-256-GCM sealing); or that plus
 * what durability must do (`durable`: fsync the file before its rename and
 * the directory after it, commit the metadata in PostgreSQL).
 */
export type FileServerMode = 'plain' | 'sealed' | 'durable';

/** A pass-through Transform that MD5s what goes through it. */
class Md5Stream extends Transform {
  readonly hash: Hash = createHash('md5');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

function reply(response: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  response.writeHead(status, headers).end();
}

/**
 * A baseline for the S3 case: a minimal node:http server that streams each
 * PUT body to a temporary file and renames it into place, and streams GETs
 * back with `createReadStream`. `sealed` adds the crypto SSE-S3 needs, with
 * `@strongroom/crypto` (the library the storage service seals with): MD5 of
 * the body for the ETag, a fresh data key and stream id per object, the
 * data key wrapped under a bucket key, the body sealed in 64 KiB AES-256-GCM
 * segments, and every segment verified before its plaintext goes out;
 * objects are recorded in `index`. `durable` also fsyncs each file before
 * its rename (`flush`) and its directory after (a descriptor kept open per bucket, as
 * the storage service does), with `index` in PostgreSQL. No authentication
 * (the signature is not checked), no services, no policies: floors under a
 * real server.
 */
export function createFileServer(directory: string, mode: FileServerMode, index: ObjectIndex): Server {
  const temporary = join(directory, '.tmp');
  const bucketKey = randomBytes(32);
  const objectPath = (bucket: string, key: string) => join(directory, bucket, encodeURIComponent(key));
  const aad = (bucket: string, key: string) => encodeEncryptionContext({ bucket, key });
  const bucketDirectories = new Map<string, Promise<FileHandle>>();
  const syncBucketDirectory = async (bucket: string) => {
    let handle = bucketDirectories.get(bucket);
    if (handle === undefined) bucketDirectories.set(bucket, (handle = open(join(directory, bucket), 'r')));
    await (await handle).sync();
  };

  const put = async (request: IncomingMessage, response: ServerResponse, bucket: string, key: string) => {
    const path = join(temporary, randomUUID());
    try {
      if (mode === 'plain') {
        await pipeline(request, createWriteStream(path));
        await rename(path, objectPath(bucket, key));
        reply(response, 200);
        return;
      }
      const dataKey = randomBytes(32);
      const streamId = randomBytes(16);
      const md5 = new Md5Stream();
      const seal = createSealStream({ dataKey, streamId });
      await pipeline(request, md5, seal, createWriteStream(path, { flush: mode === 'durable' }));
      await rename(path, objectPath(bucket, key));
      if (mode === 'durable') await syncBucketDirectory(bucket);
      const etag = `"${md5.hash.digest('hex')}"`;
      await index.put(bucket, key, { wrappedKey: wrapKey(bucketKey, dataKey, aad(bucket, key), systemRandom, opensslWrapCipher), streamId, length: seal.summary().plaintextLength, etag });
      reply(response, 200, { etag });
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  };

  const get = async (response: ServerResponse, bucket: string, key: string) => {
    const path = objectPath(bucket, key);
    if (mode === 'plain') {
      const { size } = await stat(path);
      response.writeHead(200, { 'content-length': size });
      await pipeline(createReadStream(path), response);
      return;
    }
    const object = await index.get(bucket, key);
    if (object === undefined) {
      reply(response, 404);
      return;
    }
    const dataKey = unwrapKey(bucketKey, object.wrappedKey, aad(bucket, key), opensslWrapCipher);
    const opener = createStreamOpener({ dataKey, streamId: object.streamId, plaintextLength: object.length });
    response.writeHead(200, { 'content-length': object.length, etag: object.etag });
    await pipeline(createReadStream(path), (sealed: AsyncIterable<Buffer>) => opener.open(sealed), response);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const [bucket = '', ...rest] = (request.url ?? '/').split('?')[0]!.slice(1).split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (request.method === 'PUT' && key === '') {
      await mkdir(join(directory, bucket), { recursive: true });
      reply(response, 200);
    } else if (request.method === 'PUT') {
      await put(request, response, bucket, key);
    } else if (request.method === 'GET' && key !== '') {
      await get(response, bucket, key);
    } else {
      request.resume();
      reply(response, 405);
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!response.headersSent) reply(response, missing ? 404 : 500);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

/** Makes the directories a {@link createFileServer} server writes to. */
export async function prepareFileServerDirectory(directory: string): Promise<void> {
  await mkdir(join(directory, '.tmp'), { recursive: true });
}
