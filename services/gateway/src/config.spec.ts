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
