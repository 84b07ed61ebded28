import { gatewayThreadEnvironment } from './gateway-thread';

describe('gatewayThreadEnvironment', () => {
  it("leaves out the stack's secrets the gateway does not read, and keeps its settings", () => {
    const env = {
      STRONGROOM_ROOT_KEY: 'a'.repeat(64),
      STRONGROOM_ROOT_SECRET_ACCESS_KEY: 's'.repeat(40),
      DATABASE_URL: 'postgres://strongroom:password@db.internal/strongroom',
      STRONGROOM_ROOT_KEY_FILE: '/run/secrets/root-key',
      STRONGROOM_GATEWAY_HTTP_ADDRESS: '127.0.0.1:9000',
      STRONGROOM_LOG_LEVEL: 'warn',
    };
    expect(gatewayThreadEnvironment(env)).toEqual({
      STRONGROOM_ROOT_KEY_FILE: '/run/secrets/root-key',
      STRONGROOM_GATEWAY_HTTP_ADDRESS: '127.0.0.1:9000',
      STRONGROOM_LOG_LEVEL: 'warn',
    });
    expect(env.STRONGROOM_ROOT_KEY).toBe('a'.repeat(64));
  });
});
