import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { S3Response } from './command';
import { sendResponse } from './send-response';

/** Serves `answer` through sendResponse once; the raw bytes a client receives. */
async function rawAnswer(answer: S3Response, method = 'GET'): Promise<Buffer> {
  const server: Server = createServer((_req, res) => void sendResponse(res, answer, method === 'HEAD'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(`${method} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('sendResponse', () => {
  const disposition = 'attachment; filename="café ÿ.txt"';

  it.each([
    ['a Buffer body', Buffer.from('<xml/>')],
    ['a string body', '<xml/>'],
    ['an empty body', Buffer.alloc(0)],
  ])('writes each header character as its byte (ISO-8859-1), Content-Disposition included, with %s', async (_what, body) => {
    const bytes = await rawAnswer({ status: 200, headers: { 'content-length': Buffer.byteLength(body), 'content-disposition': disposition, 'content-language': 'é' }, body });
    expect(bytes.includes(Buffer.from(`content-disposition: ${disposition}\r\n`, 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('content-language: é\r\n', 'latin1'))).toBe(true);
    expect(bytes.subarray(bytes.indexOf('\r\n\r\n') + 4).toString()).toBe(body.toString());
  });

  it('writes the headers alone for HEAD, with the length given', async () => {
    const bytes = await rawAnswer({ status: 200, headers: { 'content-length': 10, 'content-disposition': disposition }, body: Buffer.from('0123456789') }, 'HEAD');
    expect(bytes.includes(Buffer.from(`content-disposition: ${disposition}\r\n`, 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('content-length: 10\r\n'))).toBe(true);
    expect(bytes.toString('latin1').endsWith('\r\n\r\n')).toBe(true);
  });
});
