import { ConfigError } from '@strongroom/config';
import { loadGatewayConfig } from './config';

describe('loadGatewayConfig: the body idle timeout', () => {
  it('is 20 s, about S3\'s own wait, unless set', () => {
    expect(loadGatewayConfig({}).bodyTimeoutMs).toBe(20_000);
    expect(loadGatewayConfig({ STRONGROOM_GATEWAY_BODY_TIMEOUT_MS: '500' }).bodyTimeoutMs).toBe(500);
  });

  it.each(['0', '-1', '1.5', 'soon', '2147483648'])('rejects %s', (value) => {
    expect(() => loadGatewayConfig({ STRONGROOM_GATEWAY_BODY_TIMEOUT_MS: value })).toThrow(ConfigError);
  });
});

describe('loadGatewayConfig: the headers timeout', () => {
  it('is 60 s, Node\'s, unless set', () => {
    expect(loadGatewayConfig({}).headersTimeoutMs).toBe(60_000);
    expect(loadGatewayConfig({ STRONGROOM_GATEWAY_HEADERS_TIMEOUT_MS: '5000' }).headersTimeoutMs).toBe(5000);
  });

  it.each(['0', '-1', 'soon'])('rejects %s', (value) => {
    expect(() => loadGatewayConfig({ STRONGROOM_GATEWAY_HEADERS_TIMEOUT_MS: value })).toThrow(ConfigError);
  });
});

describe('loadGatewayConfig: the drain on stop', () => {
  it('lets requests in flight finish for 5 s unless set (0: cut them at once)', () => {
    expect(loadGatewayConfig({}).drainMs).toBe(5000);
    expect(loadGatewayConfig({ STRONGROOM_GATEWAY_DRAIN_MS: '25000' }).drainMs).toBe(25_000);
    expect(loadGatewayConfig({ STRONGROOM_GATEWAY_DRAIN_MS: '0' }).drainMs).toBe(0);
  });

  it.each(['-1', 'long', '3600001'])('rejects %s', (value) => {
    expect(() => loadGatewayConfig({ STRONGROOM_GATEWAY_DRAIN_MS: value })).toThrow(ConfigError);
  });
});
