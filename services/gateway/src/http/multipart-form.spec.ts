import { Readable } from 'node:stream';
import { S3Error } from '../s3/errors';
import { parseFormPartHeaders } from './form-part-headers';
import { MultipartFormReader } from './multipart-form';

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';

/** A body as browsers send it: each part's headers, a blank line, its content; the closing delimiter; CRLF line ends. */
function formBody(parts: readonly (readonly [string, string | Buffer])[], options: { preamble?: string; epilogue?: string } = {}): Buffer {
  const chunks: Buffer[] = [Buffer.from(options.preamble === undefined ? '' : `${options.preamble}\r\n`)];
  for (const [headers, content] of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n${options.epilogue ?? ''}`));
  return Buffer.concat(chunks);
}

/** The body cut into chunks of `size` bytes (the last one shorter). */
async function* chunked(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < body.length; offset += size) yield await Promise.resolve(body.subarray(offset, offset + size));
}

function field(name: string): string {
  return `Content-Disposition: form-data; name="${name}"`;
}

class TooLarge extends Error {}

function reader(body: Buffer, chunkSize = body.length): MultipartFormReader {
  return new MultipartFormReader(chunked(body, chunkSize), BOUNDARY, () => new TooLarge());
}

/** Every part as [name, filename, content]. */
async function readAll(form: MultipartFormReader): Promise<[string, string | undefined, string][]> {
  const parts: [string, string | undefined, string][] = [];
  for (let part = await form.next(4096); part !== undefined; part = await form.next(4096)) {
    parts.push([part.name, part.filename, await form.text(1 << 20)]);
  }
  return parts;
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('MultipartFormReader', () => {
  const body = formBody(
    [
      [field('key'), 'user/${filename}'],
      [field('x-amz-meta-note'), 'line one\r\nline two'],
      [`${field('file')}; filename="cat.jpg"\r\nContent-Type: image/jpeg`, Buffer.from('\r\n--almost a boundary\r\n-- and binary \x00\xff')],
    ],
    { preamble: 'This is the preamble.', epilogue: 'and an epilogue\r\n' },
  );
  const expected = [
    ['key', undefined, 'user/${filename}'],
    ['x-amz-meta-note', undefined, 'line one\r\nline two'],
    ['file', 'cat.jpg', Buffer.from('\r\n--almost a boundary\r\n-- and binary \x00\xff').toString('utf8')],
  ];

  it.each([1, 2, 3, 7, 40, 41, 42, 43, 64, 1000])('reads the same parts however the body is chunked (%i bytes)', async (size) => {
    expect(await readAll(reader(body, size))).toEqual(expected);
  });

  it('finds a delimiter split across every possible pair of chunks', async () => {
    for (let cut = 1; cut < body.length; cut += 1) {
      const split = Readable.from([body.subarray(0, cut), body.subarray(cut)]);
      expect(await readAll(new MultipartFormReader(split, BOUNDARY, () => new TooLarge()))).toEqual(expected);
    }
  });

  it('streams a large part in chunks, never whole, and keeps every byte', async () => {
    const file = Buffer.alloc(300_000);
    for (let i = 0; i < file.length; i += 1) file[i] = (i * 7) % 256;
    const form = reader(formBody([[`${field('file')}; filename="data.bin"`, file]]), 16_384);
    expect((await form.next(4096))?.filename).toBe('data.bin');
    const chunks: Buffer[] = [];
    for await (const chunk of form.body()) chunks.push(Buffer.from(chunk));
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(16_384 + 2);
    expect(Buffer.concat(chunks).equals(file)).toBe(true);
    expect(await form.next(4096)).toBeUndefined();
  });

  it('skips what was not read of a part, and tracks its position in the body', async () => {
    const form = reader(body, 5);
    expect((await form.next(4096))?.name).toBe('key');
    expect((await form.next(4096))?.name).toBe('x-amz-meta-note');
    expect(await form.text(100)).toBe('line one\r\nline two');
    expect(form.position).toBe(body.indexOf('line two') + 'line two'.length + `\r\n--${BOUNDARY}`.length);
    expect((await form.next(4096))?.name).toBe('file');
    await form.drain(4096);
    expect(form.position).toBe(body.length);
  });

  it('counts the preamble it skips toward the limit of next', async () => {
    const preamble = formBody([[field('a'), 'x']], { preamble: 'p'.repeat(1000) });
    expect(await failure(() => reader(preamble, 64).next(900))).toBeInstanceOf(TooLarge);
    expect((await reader(preamble, 64).next(1200))?.name).toBe('a');
  });

  it('drains at most the bytes it is given, as MalformedPOSTRequest beyond', async () => {
    const epilogue = formBody([[field('file'), 'data']], { epilogue: 'e'.repeat(1000) });
    const over = reader(epilogue, 64);
    await over.next(4096);
    await over.text(100);
    expect(await failure(() => over.drain(900))).toMatchObject({ code: 'MalformedPOSTRequest' });
    const within = reader(epilogue, 64);
    await within.next(4096);
    await within.text(100);
    await within.drain(1100);
    expect(within.position).toBe(epilogue.length);
  });

  it('reads UTF-8 in part headers, as browsers send file names', async () => {
    const form = reader(formBody([[`${field('file')}; filename="résumé 履歴書.pdf"`, 'pdf']]), 9);
    expect((await form.next(4096))?.filename).toBe('résumé 履歴書.pdf');
  });

  it('takes transport padding after a delimiter, and an empty body with only the closing delimiter', async () => {
    const padded = Buffer.from(`--${BOUNDARY} \t\r\n${field('a')}\r\n\r\nx\r\n--${BOUNDARY}--`);
    expect(await readAll(reader(padded, 3))).toEqual([['a', undefined, 'x']]);
    expect(await readAll(reader(Buffer.from(`--${BOUNDARY}--\r\n`)))).toEqual([]);
  });

  it('throws the limit error for a header block or a text beyond its limit', async () => {
    const long = formBody([[`${field('a')}\r\nX-Padding: ${'p'.repeat(500)}`, 'value']]);
    expect(await failure(() => reader(long, 50).next(100))).toBeInstanceOf(TooLarge);
    const form = reader(formBody([[field('a'), 'v'.repeat(101)]]), 10);
    await form.next(100);
    expect(await failure(() => form.text(100))).toBeInstanceOf(TooLarge);
  });

  it.each([
    ['no delimiter at all', Buffer.from('just text')],
    ['a body cut inside a part', formBody([[field('a'), 'value']]).subarray(0, 60)],
    ['a delimiter followed by junk', Buffer.from(`--${BOUNDARY}junk\r\n${field('a')}\r\n\r\nv\r\n--${BOUNDARY}--`)],
    ['a part without headers', Buffer.from(`--${BOUNDARY}\r\n\r\nv\r\n--${BOUNDARY}--`)],
    ['a part without Content-Disposition', Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nv\r\n--${BOUNDARY}--`)],
    ['a header line without a colon', Buffer.from(`--${BOUNDARY}\r\n${field('a')}\r\nnonsense\r\n\r\nv\r\n--${BOUNDARY}--`)],
  ])('refuses %s as MalformedPOSTRequest', async (_what, malformed) => {
    const error = await failure(() => readAll(reader(malformed, 4)));
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).code).toBe('MalformedPOSTRequest');
  });
});

describe('parseFormPartHeaders', () => {
  it.each([
    ['Content-Disposition: form-data; name="key"', { name: 'key', filename: undefined }],
    ['content-disposition: FORM-DATA;name=key', { name: 'key', filename: undefined }],
    ['Content-Disposition: form-data; name="a;b=c"; filename="x.txt"', { name: 'a;b=c', filename: 'x.txt' }],
    ['Content-Disposition: form-data; name="say \\"hi\\""', { name: 'say "hi"', filename: undefined }],
    ['Content-Disposition: form-data; name="file"; filename=""', { name: 'file', filename: '' }],
    ['Content-Disposition: form-data; name="file"; filename="C:\\Users\\me\\cat.jpg"', { name: 'file', filename: 'C:\\Users\\me\\cat.jpg' }],
    ['Content-Disposition: form-data; name="file"; filename="caf.txt"; filename*=UTF-8\'\'caf%C3%A9.txt', { name: 'file', filename: 'café.txt' }],
    ['Content-Disposition: form-data; name="file";\r\n filename="folded.txt"', { name: 'file', filename: 'folded.txt' }],
    ['Content-Type: text/plain\r\nContent-Disposition: form-data; name="x"', { name: 'x', filename: undefined }],
  ])('%s', (block, expected) => {
    expect(parseFormPartHeaders(block)).toEqual(expected);
  });

  it.each(['Content-Disposition: attachment; name="x"', 'Content-Disposition: form-data; filename="x"', 'Content-Disposition: form-data'])('refuses %s', (block) => {
    expect(() => parseFormPartHeaders(block)).toThrow(expect.objectContaining({ code: 'MalformedPOSTRequest' }) as S3Error);
  });
});
