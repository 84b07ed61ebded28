import { statedContext } from './request-facts';

describe('statedContext', () => {
  const given = {
    'AWS:SecureTransport': { values: ['true'] },
    'aws:SourceIp': { values: ['10.1.2.3'] },
    'aws:PrincipalOrgID': { values: ['o-example'] },
    'aws:PrincipalTag/team': { values: ['ops'] },
    's3:x-amz-acl': { values: ['private'] },
  };

  it('keeps the keys a front end may state, in their own spelling, and the address it states; what a write asks for is storage\'s to derive', () => {
    expect(statedContext(given, { vouchesForClients: true, peer: '127.0.0.1:1', servedOverTls: false })).toEqual({
      'aws:SecureTransport': { values: ['true'] },
      'aws:SourceIp': { values: ['10.1.2.3'] },
    });
  });

  it("takes a caller that vouches for no clients as the client: no signature facts (it signed no SigV4 request), its peer's address, or none, and, on a port without TLS, secure transport only from loopback", () => {
    const signing = { 's3:authType': { values: ['REST-HEADER'] }, 's3:signatureversion': { values: ['AWS4-HMAC-SHA256'] }, 's3:signatureAge': { values: ['5'] } };
    const stating = { ...given, ...signing, 's3:x-amz-content-sha256': { values: ['UNSIGNED-PAYLOAD'] }, 's3:TlsVersion': { values: ['1.3'] } };
    expect(statedContext(stating, { vouchesForClients: false, peer: '192.0.2.7:40000', servedOverTls: false })).toEqual({
      'aws:SourceIp': { values: ['192.0.2.7'] },
      'aws:SecureTransport': { values: ['false'] },
    });
    expect(statedContext(stating, { vouchesForClients: false, peer: 'unknown', servedOverTls: false })).toEqual({ 'aws:SecureTransport': { values: ['false'] } });
    for (const peer of ['127.0.0.1:5000', '127.9.9.9:5000', '[::1]:5000', '[::ffff:127.0.0.1]:5000']) {
      expect(statedContext(given, { vouchesForClients: false, peer, servedOverTls: false })['aws:SecureTransport']).toEqual({ values: ['true'] });
    }
  });

  it('takes a call to a TLS API port as secure transport from any address, and still gives its own address', () => {
    expect(statedContext(given, { vouchesForClients: false, peer: '192.0.2.7:40000', servedOverTls: true })).toEqual({
      'aws:SourceIp': { values: ['192.0.2.7'] },
      'aws:SecureTransport': { values: ['true'] },
    });
    expect(statedContext(given, { vouchesForClients: false, peer: 'unknown', servedOverTls: true })).toEqual({ 'aws:SecureTransport': { values: ['true'] } });
  });
});
