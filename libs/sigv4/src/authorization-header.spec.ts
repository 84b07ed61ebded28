import { parseAuthorizationHeader } from './authorization-header';
import { isSigV4Error } from './sigv4-error';

const codeOf = (value: string): string | undefined => {
  try {
    parseAuthorizationHeader(value);
    return undefined;
  } catch (error) {
    return isSigV4Error(error) ? error.code : 'other';
  }
};

describe('parseAuthorizationHeader', () => {
  it('reads the three components in any order, with or without spaces', () => {
    const expected = { credential: 'AKIA/20240301/eu-west-1/s3/aws4_request', signedHeaders: ['host', 'x-amz-date'], signature: 'abc' };
    expect(
      parseAuthorizationHeader(
        'AWS4-HMAC-SHA256 Credential=AKIA/20240301/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
      ),
    ).toEqual(expected);
    expect(
      parseAuthorizationHeader(
        'AWS4-HMAC-SHA256 Signature=abc,Credential=AKIA/20240301/eu-west-1/s3/aws4_request,SignedHeaders=host;x-amz-date',
      ),
    ).toEqual(expected);
  });

  it.each([
    ['AWS AKIA:c2ln', 'InvalidRequest'],
    ['AWS4-ECDSA-P256-SHA256 Credential=a', 'InvalidRequest'],
    ['Basic dXNlcjpwYXNz', 'InvalidArgument'],
    ['AWS4-HMAC-SHA256', 'AuthorizationHeaderMalformed'],
    ['AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host', 'AuthorizationHeaderMalformed'],
    ['AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=x, Extra=y', 'AuthorizationHeaderMalformed'],
    ['AWS4-HMAC-SHA256 Credential=a, Credential=b, SignedHeaders=host, Signature=x', 'AuthorizationHeaderMalformed'],
    ['AWS4-HMAC-SHA256 Credential, SignedHeaders=host, Signature=x', 'AuthorizationHeaderMalformed'],
  ])('%j → %s', (value, code) => {
    expect(codeOf(value)).toBe(code);
  });
});
