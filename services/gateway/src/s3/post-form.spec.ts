import { Readable } from 'node:stream';
import type { S3Error } from './errors';
import { formBoundary, readPostForm } from './post-form';
import { formHeaders, formObjectKey, formTags, withFilename } from './post-form-fields';
import { postFormSignature } from './post-signature';
import { writeOptions } from './write-options';

const BOUNDARY = 'xYzZY';

function body(parts: readonly (readonly [string, string])[], tail = `--${BOUNDARY}--\r\n`): AsyncIterable<Buffer> {
  const text = parts.map(([disposition, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${value}\r\n`).join('') + tail;
  return Readable.from([Buffer.from(text)]);
}

async function refusal(run: () => unknown): Promise<S3Error> {
  try {
    await run();
  } catch (error) {
    return error as S3Error;
  }
  throw new Error('expected a refusal');
}

async function text(source: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('formBoundary', () => {
  it.each([
    ['multipart/form-data; boundary=xYzZY', 'xYzZY'],
    ['Multipart/Form-Data;boundary="a b:c"', 'a b:c'],
    ['multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundaryABC', '----WebKitFormBoundaryABC'],
  ])('%s', (contentType, boundary) => {
    expect(formBoundary(contentType)).toBe(boundary);
  });

  it('answers a body of another type with PreconditionFailed, as S3 does', async () => {
    for (const contentType of [undefined, 'application/x-www-form-urlencoded', 'multipart/mixed; boundary=x']) {
      expect(await refusal(() => formBoundary(contentType))).toMatchObject({
        code: 'PreconditionFailed',
        details: { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' },
      });
    }
  });

  it.each(['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary=${'b'.repeat(71)}`, 'multipart/form-data; boundary="ends with space "'])(
    'refuses %s as MalformedPOSTRequest',
    async (contentType) => {
      expect((await refusal(() => formBoundary(contentType))).code).toBe('MalformedPOSTRequest');
    },
  );
});

describe('readPostForm', () => {
  it('reads the fields up to the file, names in lower case, and ignores the fields after it', async () => {
    const form = await readPostForm(
      body([
        ['name="Key"', 'a/${filename}'],
        ['name="X-Amz-Meta-Tag"', 'Ninja'],
        ['name="file"; filename="C:\\docs\\report.pdf"', 'the bytes'],
        ['name="after"', 'ignored'],
        ['name="after"', 'twice, and after the file: ignored too'],
      ]),
      BOUNDARY,
    );
    expect([...form.fields]).toEqual([
      ['key', 'a/${filename}'],
      ['x-amz-meta-tag', 'Ninja'],
    ]);
    expect(form.filename).toBe('C:\\docs\\report.pdf');
    expect(await text(form.file)).toBe('the bytes');
    await form.finish();
  });

  it('refuses a field sent twice, whatever the case of its name, rather than joining the values', async () => {
    const twice = body([
      ['name="key"', 'k'],
      ['name="Content-Type"', 'image/png'],
      ['name="content-type"', 'text/html'],
      ['name="file"', 'x'],
    ]);
    expect(await refusal(() => readPostForm(twice, BOUNDARY))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'content-type' } });
  });

  it('counts a preamble toward the 20 KiB before the file', async () => {
    const file = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`;
    const preamble = Readable.from([Buffer.from(`${'p'.repeat(21_000)}\r\n${file}`)]);
    expect((await refusal(() => readPostForm(preamble, BOUNDARY))).code).toBe('MaxPostPreDataLengthExceeded');
  });

  it('reads at most 20 KiB after the file, as MalformedPOSTRequest beyond', async () => {
    const form = await readPostForm(body([['name="file"', 'x']], `--${BOUNDARY}--\r\n${'e'.repeat(21_000)}`), BOUNDARY);
    expect(await text(form.file)).toBe('x');
    expect((await refusal(() => form.finish())).code).toBe('MalformedPOSTRequest');
  });

  it('refuses a form without a file, and fields beyond 20 KiB before it', async () => {
    expect(await refusal(() => readPostForm(body([['name="key"', 'k']]), BOUNDARY))).toMatchObject({
      code: 'InvalidArgument',
      message: 'POST requires exactly one file upload per request.',
      details: { ArgumentName: 'file', ArgumentValue: '0' },
    });
    const large = body([
      ['name="x-amz-meta-a"', 'a'.repeat(15_000)],
      ['name="x-amz-meta-b"', 'b'.repeat(6_000)],
      ['name="file"', 'x'],
    ]);
    expect((await refusal(() => readPostForm(large, BOUNDARY))).code).toBe('MaxPostPreDataLengthExceeded');
  });
});

describe('form fields', () => {
  it('have ${filename} replaced in every field by the name after the last slash or backslash', () => {
    const fields = new Map([
      ['key', 'user/betty/${filename}'],
      ['content-disposition', 'attachment; filename="${filename}"'],
    ]);
    expect([...withFilename(fields, 'C:\\Users\\betty\\lolcatz.jpg').values()]).toEqual(['user/betty/lolcatz.jpg', 'attachment; filename="lolcatz.jpg"']);
    expect(withFilename(fields, 'photos/lolcatz.jpg').get('key')).toBe('user/betty/lolcatz.jpg');
    expect(withFilename(fields, '').get('key')).toBe('user/betty/');
    const signing = new Map([['x-amz-credential', 'AKIA/${filename}'], ['policy', '${filename}'], ['x-amz-meta-note', '${filename}']]);
    expect([...withFilename(signing, 'a.txt').values()]).toEqual(['AKIA/${filename}', '${filename}', 'a.txt']);
  });

  it('take a file name with $ as written, never as a replacement pattern', () => {
    const key = new Map([['key', 'user/betty/${filename}']]);
    expect(withFilename(key, "a$&b$`c$'d$$e.txt").get('key')).toBe("user/betty/a$&b$`c$'d$$e.txt");
  });

  it('need a key', async () => {
    expect(await refusal(() => formObjectKey(new Map()))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'key' } });
    expect(await refusal(() => formObjectKey(withFilename(new Map([['key', '${filename}']]), '')))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'key' } });
  });

  it('become the headers a PUT would carry: content headers, x-amz-*, acl as x-amz-acl; never the POST-only fields', () => {
    const headers = formHeaders(
      new Map([
        ['key', 'k'],
        ['policy', 'p'],
        ['x-amz-signature', 's'],
        ['x-amz-credential', 'c'],
        ['success_action_status', '201'],
        ['x-ignore-flash', '1'],
        ['tagging', '<Tagging/>'],
        ['acl', 'public-read'],
        ['content-type', 'image/png'],
        ['cache-control', 'no-cache'],
        ['x-amz-meta-color', 'red'],
        ['x-amz-server-side-encryption', 'aws:kms'],
      ]),
    );
    expect(headers).toEqual({
      'x-amz-acl': 'public-read',
      'content-type': 'image/png',
      'cache-control': 'no-cache',
      'x-amz-meta-color': 'red',
      'x-amz-server-side-encryption': 'aws:kms',
    });
  });

  it.each([
    ['a name that is not a token', 'x-amz-meta-a b', 'opaque-1'],
    ['a name with a colon', 'x-amz-meta-a:b', 'opaque-2'],
    ['a CR LF in a value', 'x-amz-meta-note', 'ok\r\nset-cookie: evil=1'],
    ['a DEL in a metadata value', 'x-amz-meta-note', 'del\u007f'],
    ['a NUL in a value', 'cache-control', 'no-cache\u0000'],
    ['a character beyond U+00FF in a value', 'content-disposition', 'attachment; filename="\u0100.txt"'],
    ['a DEL in the acl', 'acl', 'private\u007F'],
  ])('refuse %s as a header with InvalidArgument naming the field', async (_what, name, value) => {
    const error = await refusal(() => formHeaders(new Map([['key', 'k'], [name, value]])));
    expect(error).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: name } });
    expect(JSON.stringify(error.details) + error.message).not.toContain(value);
  });

  it('never quote an SSE-C key value they refuse', async () => {
    const key = `${'k'.repeat(43)}\u0100`;
    const error = await refusal(() => formHeaders(new Map([['x-amz-server-side-encryption-customer-key', key]])));
    expect(error).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-server-side-encryption-customer-key' } });
    expect(JSON.stringify(error.details) + error.message).not.toContain('kkkk');
  });

  it('take tabs, and characters U+0080 to U+00FF, in values; never check the fields that are not headers', () => {
    const fields = new Map([
      ['key', 'naïve \u2603\r\n.txt'],
      ['x-ignore-odd name', '\u0000'],
      ['content-disposition', 'attachment; filename="caf\u00e9\t.txt"'],
    ]);
    expect(formHeaders(fields)).toEqual({ 'content-disposition': 'attachment; filename="caf\u00e9\t.txt"' });
  });

  it('take any character but a control character in metadata, as the header that sends the text in UTF-8', () => {
    const fields = new Map([
      ['x-amz-meta-note', 'caf\u00e9\tau lait'],
      ['x-amz-meta-name', '日本 😀'],
    ]);
    expect(formHeaders(fields)).toEqual({
      'x-amz-meta-note': Buffer.from('caf\u00e9\tau lait').toString('latin1'),
      'x-amz-meta-name': Buffer.from('日本 😀').toString('latin1'),
    });
    expect(writeOptions(formHeaders(fields)).userMetadata).toEqual({ note: 'caf\u00e9\tau lait', name: '日本 😀' });
  });

  it('read tags from the tagging field as XML', async () => {
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>red</Value></Tag></TagSet></Tagging>';
    expect(formTags(new Map([['tagging', tagging]]))).toEqual([{ key: 'team', value: 'red' }]);
    expect(formTags(new Map())).toBeUndefined();
    expect((await refusal(() => formTags(new Map([['tagging', 'team=red']])))).code).toBe('MalformedXML');
  });
});

describe('postFormSignature', () => {
  const signed = new Map([
    ['policy', 'eyJ9'],
    ['x-amz-algorithm', 'AWS4-HMAC-SHA256'],
    ['x-amz-credential', 'AKIAEXAMPLE/20261127/us-east-1/s3/aws4_request'],
    ['x-amz-date', '20261127T110000Z'],
    ['x-amz-signature', 'abc'],
  ]);

  it('reads the five signature fields, or none for an anonymous form', () => {
    expect(postFormSignature(signed)).toEqual({
      policy: 'eyJ9',
      algorithm: 'AWS4-HMAC-SHA256',
      credential: 'AKIAEXAMPLE/20261127/us-east-1/s3/aws4_request',
      amzDate: '20261127T110000Z',
      signature: 'abc',
      securityToken: undefined,
    });
    expect(postFormSignature(new Map([['key', 'k']]))).toBeUndefined();
  });

  it('names the first signature field missing, and refuses Signature Version 2 forms', async () => {
    const withoutDate = new Map(signed);
    withoutDate.delete('x-amz-date');
    expect(await refusal(() => postFormSignature(withoutDate))).toMatchObject({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-date' } });
    expect((await refusal(() => postFormSignature(new Map([['awsaccesskeyid', 'AKIA'], ['policy', 'p'], ['signature', 's']])))).code).toBe('InvalidRequest');
  });
});
