import type { UriCanonicalization } from '../../src';

/**
 * Vectors of AWS's SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30
 * edition, as shipped in the AWS SDK for JavaScript's signer package): service
 * `service`, region `us-east-1`, `AKIDEXAMPLE`, 20150830T123600Z. Requests are
 * written here in wire form (percent-encoded path and query, repeated headers
 * as arrays). `get-slashes` comes from the suite's normalization cases.
 */
export interface SuiteVector {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
  readonly signedHeaders: string;
  readonly signature: string;
  /** The suite writes `get-utf8`'s path decoded, i.e. encoded once: S3's rule, not the double encoding of other services. */
  readonly uri?: UriCanonicalization;
}

/** The suite's secret access key. */
export const SUITE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
/** The suite's access key id. */
export const SUITE_ACCESS_KEY = 'AKIDEXAMPLE';
/** 20150830T123600Z, the suite's signing time. */
export const SUITE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);

const plain = (name: string, signature: string, rest: Partial<SuiteVector> = {}): SuiteVector => ({
  name,
  method: 'GET',
  path: '/',
  query: '',
  headers: {},
  body: '',
  signedHeaders: 'host;x-amz-date',
  signature,
  ...rest,
});

const myHeader1 = (value: string | readonly string[]): Partial<SuiteVector> => ({
  headers: { 'my-header1': value },
  signedHeaders: 'host;my-header1;x-amz-date',
});

/** The vectors, in the suite's order. */
export const SUITE_VECTORS: readonly SuiteVector[] = [
  plain('get-vanilla', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  plain(
    'get-header-key-duplicate',
    'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea',
    myHeader1(['value2', 'value2', 'value1']),
  ),
  plain(
    'get-header-value-multiline',
    'ba17b383a53190154eb5fa66a1b836cc297cc0a3d70a5d00705980573d8ff790',
    myHeader1(['value1', 'value2', 'value3']),
  ),
  plain(
    'get-header-value-order',
    '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01',
    myHeader1(['value4', 'value1', 'value3', 'value2']),
  ),
  plain('get-header-value-trim', 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736', {
    headers: { 'my-header1': ' value1', 'my-header2': '"a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
  }),
  plain('get-unreserved', '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f', {
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  }),
  plain('get-utf8', '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85', { path: '/%E1%88%B4', uri: 's3' }),
  plain('get-slashes', '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84', { path: '//example//' }),
  plain('get-vanilla-empty-query-key', 'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb', { query: 'Param1=value1' }),
  plain('get-vanilla-query-order-key-case', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500', {
    query: 'Param2=value2&Param1=value1',
  }),
  plain('get-vanilla-query-unreserved', '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197', {
    query:
      '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  }),
  plain('get-vanilla-utf8-query', '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04', { query: '%E1%88%B4=bar' }),
  plain('post-vanilla', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b', { method: 'POST' }),
  plain('post-header-key-sort', 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c', {
    method: 'POST',
    ...myHeader1('value1'),
  }),
  plain('post-header-value-case', 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d', {
    method: 'POST',
    ...myHeader1('VALUE1'),
  }),
  plain('post-vanilla-query', '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11', {
    method: 'POST',
    query: 'Param1=value1',
  }),
  plain('post-vanilla-query-space', 'e71688addb58a26418614085fb730ba3faa623b461c17f48f2fbdb9361b94a9b', { method: 'POST', query: 'p=' }),
  plain('post-vanilla-query-nonunreserved', '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e', {
    method: 'POST',
    query: '%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D',
  }),
  plain('post-sts-header-before', '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead', {
    method: 'POST',
    headers: {
      'x-amz-security-token':
        'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
    },
    signedHeaders: 'host;x-amz-date;x-amz-security-token',
  }),
  plain('post-x-www-form-urlencoded', 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
  }),
  plain('post-x-www-form-urlencoded-parameters', '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
  }),
];
