import { redactCanonicalRequest } from './redact-canonical-request';

describe('redactCanonicalRequest', () => {
  test('blanks out the SSE-C key headers, the copy source one too, and nothing else', () => {
    const canonical = [
      'GET',
      '/bucket/key',
      '',
      'host:127.0.0.1',
      'x-amz-copy-source-server-side-encryption-customer-key:c2VjcmV0IGNvcHkga2V5',
      'x-amz-server-side-encryption-customer-algorithm:AES256',
      'x-amz-server-side-encryption-customer-key:c2VjcmV0IGtleQ==',
      'x-amz-server-side-encryption-customer-key-md5:bWQ1',
      '',
      'host;x-amz-copy-source-server-side-encryption-customer-key;x-amz-server-side-encryption-customer-algorithm',
      'UNSIGNED-PAYLOAD',
    ].join('\n');
    const redacted = redactCanonicalRequest(canonical);
    expect(redacted).not.toContain('c2VjcmV0');
    expect(redacted.split('\n').slice(4, 8)).toEqual([
      'x-amz-copy-source-server-side-encryption-customer-key:[redacted]',
      'x-amz-server-side-encryption-customer-algorithm:AES256',
      'x-amz-server-side-encryption-customer-key:[redacted]',
      'x-amz-server-side-encryption-customer-key-md5:bWQ1',
    ]);
  });

  test('blanks out the key in a query string', () => {
    const canonical = 'GET\n/b/k\nX-Amz-Date=1&x-amz-server-side-encryption-customer-key=c2VjcmV0&x-amz-server-side-encryption-customer-key-MD5=bWQ1\nhost:h\n\nhost\nUNSIGNED-PAYLOAD';
    expect(redactCanonicalRequest(canonical).split('\n')[2]).toBe('X-Amz-Date=1&x-amz-server-side-encryption-customer-key=[redacted]&x-amz-server-side-encryption-customer-key-MD5=bWQ1');
  });
});
