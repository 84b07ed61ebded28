import { ConfigError } from '@strongroom/config';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig } from '../config';
import { loadOrCreateLocalCertificate } from './self-signed';

describe('STRONGROOM_GATEWAY_TLS_CERT_FILE / _KEY_FILE', () => {
  let directory: string;
  let pair: { certPath: string; keyPath: string };
  let otherKey: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'strongroom-tls-files-'));
    pair = await loadOrCreateLocalCertificate(join(directory, 'a'), 'localhost');
    otherKey = (await loadOrCreateLocalCertificate(join(directory, 'b'), 'localhost')).keyPath;
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
    try {
      loadGatewayConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('reads a certificate and its own key, or neither', () => {
    const config = loadGatewayConfig({ STRONGROOM_GATEWAY_TLS_CERT_FILE: pair.certPath, STRONGROOM_GATEWAY_TLS_KEY_FILE: pair.keyPath });
    expect(config.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(loadGatewayConfig({}).tls).toBeUndefined();
  });

  it('reports, with the rest of the configuration, one file without the other, an unreadable file, and a key that is not the certificate’s', () => {
    const variables = 'STRONGROOM_GATEWAY_TLS_CERT_FILE / STRONGROOM_GATEWAY_TLS_KEY_FILE';
    expect(problemsOf({ STRONGROOM_GATEWAY_TLS_CERT_FILE: pair.certPath, STRONGROOM_GATEWAY_BODY_TIMEOUT_MS: 'soon' })).toEqual([
      `${variables}: set both, or neither`,
      expect.stringContaining('STRONGROOM_GATEWAY_BODY_TIMEOUT_MS'),
    ]);
    const missing = join(directory, 'missing.pem');
    expect(problemsOf({ STRONGROOM_GATEWAY_TLS_CERT_FILE: missing, STRONGROOM_GATEWAY_TLS_KEY_FILE: pair.keyPath })).toEqual([
      `${variables}: the file STRONGROOM_GATEWAY_TLS_CERT_FILE names is not a readable PEM certificate (ENOENT)`,
    ]);
    expect(problemsOf({ STRONGROOM_GATEWAY_TLS_CERT_FILE: pair.certPath, STRONGROOM_GATEWAY_TLS_KEY_FILE: pair.certPath })).toEqual([
      expect.stringMatching(new RegExp(`^${variables}: the file STRONGROOM_GATEWAY_TLS_KEY_FILE names is not a readable PEM private key \\(\\w+\\)$`)),
    ]);
    expect(problemsOf({ STRONGROOM_GATEWAY_TLS_CERT_FILE: pair.certPath, STRONGROOM_GATEWAY_TLS_KEY_FILE: otherKey })).toEqual([
      `${variables}: the key STRONGROOM_GATEWAY_TLS_KEY_FILE names is not the private key of the certificate STRONGROOM_GATEWAY_TLS_CERT_FILE names`,
    ]);
  });

  it('never prints a variable\'s value: a key put in the variable itself instead of a file name stays out of the message', () => {
    const pem = readFileSync(pair.keyPath, 'utf8');
    const problems = problemsOf({ STRONGROOM_GATEWAY_TLS_CERT_FILE: pair.certPath, STRONGROOM_GATEWAY_TLS_KEY_FILE: pem });
    expect(problems).toEqual([expect.stringContaining('is not a readable PEM private key')]);
    expect(problems.join('\n')).not.toContain('PRIVATE KEY');
  });
});
