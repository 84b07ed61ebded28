import http2 from 'node:http2';

describe('widenServerReceiveWindows', () => {
  it('wraps http2.createServer once per process, also when its module is loaded afresh (as jest does for every test file)', async () => {
    for (let load = 0; load < 3; load++) {
      await jest.isolateModulesAsync(async () => {
        const { widenServerReceiveWindows } = await import('./server-flow-control');
        widenServerReceiveWindows();
      });
    }
    const server = http2.createServer();
    try {
      expect(server.listenerCount('session')).toBe(1);
    } finally {
      server.close();
    }
  });
});
