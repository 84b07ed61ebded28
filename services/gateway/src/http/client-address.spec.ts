import { TrustedProxies, clientOrigin, normalizeAddress } from './client-address';

describe('clientOrigin', () => {
  const proxies = TrustedProxies.parse('10.0.0.0/8, 192.168.1.5, fd00::/8');

  it('ignores forwarding headers from an untrusted peer', () => {
    expect(clientOrigin('203.0.113.9', false, '1.2.3.4', 'https', proxies)).toEqual({ sourceIp: '203.0.113.9', secure: false });
    expect(clientOrigin('::ffff:203.0.113.9', true, undefined, 'http', proxies)).toEqual({ sourceIp: '203.0.113.9', secure: true });
  });

  it('believes a trusted proxy, skipping trusted hops from the right', () => {
    expect(clientOrigin('10.1.2.3', false, '198.51.100.7', 'https', proxies)).toEqual({ sourceIp: '198.51.100.7', secure: true });
    expect(clientOrigin('::ffff:10.1.2.3', false, '6.6.6.6, 198.51.100.7, 192.168.1.5', 'http, https, https', proxies)).toEqual({ sourceIp: '198.51.100.7', secure: true });
    expect(clientOrigin('fd00::1', true, undefined, undefined, proxies)).toEqual({ sourceIp: 'fd00::1', secure: true });
  });

  it('takes the X-Forwarded-Proto value of the client\'s own hop, right-aligned with X-Forwarded-For', () => {
    const secure = (forwardedFor: string, forwardedProto: string) => clientOrigin('10.1.2.3', false, forwardedFor, forwardedProto, proxies).secure;
    expect(secure('198.51.100.7, 192.168.1.5', 'http, https')).toBe(false);
    expect(secure('198.51.100.7, 192.168.1.5', 'HTTPS , http')).toBe(true);
    expect(secure('198.51.100.7', 'https, http')).toBe(false);
    expect(secure('198.51.100.7', 'http, https')).toBe(true);
    expect(secure('198.51.100.7, 192.168.1.5', 'https')).toBe(true);
    expect(secure('198.51.100.7, 192.168.1.5', 'http')).toBe(false);
    expect(secure('unknown', 'https')).toBe(true);
    expect(secure('198.51.100.7', 'ws')).toBe(false);
  });

  it('reads hops with ports, and a hop that is no address leaves the client unknown, never the proxy', () => {
    expect(clientOrigin('10.1.2.3', false, '203.0.113.7:5555', undefined, proxies).sourceIp).toBe('203.0.113.7');
    expect(clientOrigin('10.1.2.3', false, '[2001:db8::7]:5555', undefined, proxies).sourceIp).toBe('2001:db8::7');
    expect(clientOrigin('10.1.2.3', false, '[2001:db8::7]', undefined, proxies).sourceIp).toBe('2001:db8::7');
    expect(clientOrigin('10.1.2.3', false, '198.51.100.7, 10.9.9.9:80', undefined, proxies).sourceIp).toBe('198.51.100.7');
    for (const forwarded of ['garbage', 'unknown', '203.0.113.7, unknown', '_hidden, 10.9.9.9', '1.2.3.4:', '1.2.3.4:80:80']) {
      expect(clientOrigin('10.0.0.1', false, forwarded, undefined, proxies)).toEqual({ sourceIp: undefined, secure: false });
    }
  });

  it('trusts nobody by default and rejects malformed entries', () => {
    expect(TrustedProxies.parse('').trusts('127.0.0.1')).toBe(false);
    expect(() => TrustedProxies.parse('10.0.0.0/33')).toThrow('10.0.0.0/33');
    expect(() => TrustedProxies.parse('proxy.local')).toThrow('proxy.local');
    expect(normalizeAddress('[::1]')).toBe('::1');
  });
});
