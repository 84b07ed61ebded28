import type { SignedPostForm } from '@strongroom/sigv4';
import { postFormContext, requestContext } from './request-context';

const origin = { sourceIp: '203.0.113.7', secure: true };
const NOW = Date.parse('2026-11-27T12:00:00Z');

const signed: SignedPostForm<unknown> = {
  kind: 'signed',
  principal: {},
  accessKeyId: 'AKIAEXAMPLE',
  authType: 'POST',
  signatureVersion: 'AWS4-HMAC-SHA256',
  signatureAge: 1500,
  signedAt: NOW - 1500,
  region: 'us-east-1',
  service: 's3',
  securityToken: undefined,
};

describe('postFormContext', () => {
  const base = requestContext({
    origin,
    verified: { kind: 'anonymous' },
    headers: { 'user-agent': 'browser', 'x-amz-acl': 'public-read', 'x-amz-server-side-encryption': 'aws:kms' },
    tlsProtocol: 'TLSv1.3',
    now: NOW,
  });

  it("keeps the connection's keys, says the form signed it, and states nothing of what it writes (storage derives that)", () => {
    const context = postFormContext(base, signed);
    expect(context).toMatchObject({
      'aws:SourceIp': { values: ['203.0.113.7'] },
      'aws:SecureTransport': { values: ['true'] },
      'aws:UserAgent': { values: ['browser'] },
      's3:TlsVersion': { values: ['1.3'] },
      's3:authType': { values: ['POST'] },
      's3:signatureversion': { values: ['AWS4-HMAC-SHA256'] },
      's3:signatureAge': { values: ['1500'] },
    });
    expect(context['s3:x-amz-acl']).toBeUndefined();
    expect(context['s3:x-amz-server-side-encryption']).toBeUndefined();
    expect(context['s3:x-amz-content-sha256']).toBeUndefined();
  });

  it("keeps the request's own signature keys for a form without a signature", () => {
    const headerSigned = { ...base, 's3:authType': { values: ['REST-HEADER'] } };
    expect(postFormContext(headerSigned, undefined)['s3:authType']).toEqual({ values: ['REST-HEADER'] });
    expect(postFormContext(base, undefined)['s3:authType']).toBeUndefined();
  });
});

describe('requestContext', () => {
  it('states no key of what a request writes, whatever its headers say: storage derives those from the write itself', () => {
    const headers = { 'x-amz-acl': 'public-read', 'x-amz-grant-read': 'uri="http://acs.amazonaws.com/groups/global/AllUsers"', 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-storage-class': 'STANDARD', 'x-amz-copy-source': '/b/k', 'x-amz-metadata-directive': 'REPLACE' };
    const context = requestContext({ origin, verified: { kind: 'anonymous' }, headers, tlsProtocol: undefined, now: NOW });
    expect(Object.keys(context).filter((name) => name.startsWith('s3:x-amz-'))).toEqual([]);
  });

  it('names no aws:SourceIp when a trusted proxy could not give the client address', () => {
    const context = requestContext({ origin: { sourceIp: undefined, secure: false }, verified: { kind: 'anonymous' }, headers: {}, tlsProtocol: undefined, now: NOW });
    expect(context['aws:SourceIp']).toBeUndefined();
    expect(context['aws:SecureTransport']).toEqual({ values: ['false'] });
  });
});
