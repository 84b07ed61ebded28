import type { SigV4Request } from '../src';
import { DOCS_TIME, docsVerifier, verifyFailure, withHeaders } from './support/fixtures';

const verifier = docsVerifier();

describe('the presigned URL form', () => {
  const credential = 'X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request';
  const presigned = (parameters: string): SigV4Request => ({
    method: 'GET',
    path: '/test.txt',
    query: parameters,
    headers: { host: 'examplebucket.s3.amazonaws.com' },
  });
  const complete = (overrides: Record<string, string> = {}): string =>
    Object.entries({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': credential.slice('X-Amz-Credential='.length),
      'X-Amz-Date': '20130524T000000Z',
      'X-Amz-Expires': '86400',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      ...overrides,
    })
      .map(([name, value]) => `${name}=${value}`)
      .join('&');

  it('verifies the documentation example as built here', async () => {
    await expect(verifier.verify(presigned(complete()))).resolves.toMatchObject({ kind: 'signed', authType: 'REST-QUERY-STRING' });
  });

  it.each([
    ['a missing parameter', presigned(`X-Amz-Algorithm=AWS4-HMAC-SHA256&${credential}`), /^Query-string authentication version 4 requires/],
    ['another algorithm', presigned(complete({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA1' })), /X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"/],
    ['a bad date', presigned(complete({ 'X-Amz-Date': '20130524' })), /X-Amz-Date must be in the ISO8601 Long Format/],
    [
      'an expiry over 7 days',
      presigned(complete({ 'X-Amz-Expires': '604801' })),
      /^X-Amz-Expires must be less than a week \(in seconds\); that is, the given X-Amz-Expires must be less than 604800 seconds$/,
    ],
    ['a negative expiry', presigned(complete({ 'X-Amz-Expires': '-1' })), /X-Amz-Expires must be non-negative/],
    ['a non-numeric expiry', presigned(complete({ 'X-Amz-Expires': '1e3' })), /X-Amz-Expires should be a number/],
    ['a repeated signature', presigned(`${complete()}&X-Amz-Signature=00`), /^X-Amz-Signature must appear only once$/],
    ['a repeated expiry', presigned(`${complete()}&X-Amz-Expires=1`), /^X-Amz-Expires must appear only once$/],
    [
      'another region',
      presigned(complete({ 'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE%2F20130524%2Fsa-east-1%2Fs3%2Faws4_request' })),
      /^Error parsing the X-Amz-Credential parameter; the region 'sa-east-1' is wrong; expecting 'us-east-1'$/,
    ],
  ])('with %s is AuthorizationQueryParametersError', async (_what, request, message) => {
    const error = await verifyFailure(request);
    expect([error.code, error.httpStatus]).toEqual(['AuthorizationQueryParametersError', 400]);
    expect(error.message).toMatch(message);
  });

  it('accepts an expiry of exactly 7 days (reaching the signature check), and is AccessDenied when not yet valid', async () => {
    const week = complete({ 'X-Amz-Expires': '604800' });
    expect((await verifyFailure(presigned(week), docsVerifier(DOCS_TIME + 604_800_000))).code).toBe('SignatureDoesNotMatch');
    expect(await verifyFailure(presigned(complete()), docsVerifier(DOCS_TIME - 15 * 60 * 1000 - 1))).toMatchObject({
      code: 'AccessDenied',
      message: 'Request is not yet valid',
    });
    expect((await verifyFailure(presigned(week), docsVerifier(DOCS_TIME + 604_800_001))).message).toBe('Request has expired');
  });

  it("names the times as S3 does: whole seconds, and a URL not yet valid by its X-Amz-Date in epoch milliseconds", async () => {
    const early = await verifyFailure(presigned(complete()), docsVerifier(DOCS_TIME - 16 * 60 * 1000 - 250));
    expect(early.details).toEqual({ 'X-Amz-Date': String(DOCS_TIME), Expires: '2013-05-25T00:00:00Z', ServerTime: '2013-05-23T23:43:59Z' });
    const late = await verifyFailure(presigned(complete()), docsVerifier(DOCS_TIME + 86_400_000 + 1_250));
    expect(late.details).toEqual({ 'X-Amz-Expires': '86400', Expires: '2013-05-25T00:00:00Z', ServerTime: '2013-05-25T00:00:01Z' });
  });

  it('refuses unsigned x-amz-* headers sent along with the URL', async () => {
    const request = withHeaders(presigned(complete()), { 'x-amz-grant-read': 'uri=http://acs.amazonaws.com/groups/global/AllUsers' });
    expect((await verifyFailure(request)).details).toEqual({ HeadersNotSigned: 'x-amz-grant-read' });
  });
});
