import { unparsedRequestAnswer } from './unparsed-request';

/** The parts of a raw HTTP answer. */
function parse(answer: string): { status: string; headers: Map<string, string>; body: string } {
  const [head, body] = answer.split('\r\n\r\n') as [string, string];
  const [status, ...lines] = head.split('\r\n');
  return { status: status!, headers: new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 2)])), body };
}

describe('unparsedRequestAnswer', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 'RequestHeaderSectionTooLarge'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 'RequestTimeout'],
    ['HPE_INVALID_METHOD', 'BadRequest'],
    [undefined, 'BadRequest'],
  ])('answers Node\'s %s with a 400 %s XML error, its length and request ids, and closes', (code, s3Code) => {
    const answer = parse(unparsedRequestAnswer(Object.assign(new Error('parse error'), code === undefined ? {} : { code })));
    expect(answer.status).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toContain(`<Code>${s3Code}</Code>`);
    expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(answer.body));
    expect(answer.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    expect(answer.body).toContain(`<RequestId>${answer.headers.get('x-amz-request-id')}</RequestId>`);
    expect(answer.headers.get('connection')).toBe('close');
  });
});
