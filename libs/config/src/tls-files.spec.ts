import { testCertificateFiles, type TestCertificateFiles } from '@strongroom/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseEnv } from './env';
import { servicesTls, tlsFiles } from './tls-files';

describe('TLS settings', () => {
  let files: TestCertificateFiles;
  let certFile: string;
  let keyFile: string;
  beforeAll(async () => {
    files = await testCertificateFiles();
    ({ certFile, keyFile } = files);
  });
  afterAll(() => files.remove());

  const schema = { tls: tlsFiles('STRONGROOM_KMS_TLS_CERT_FILE', 'STRONGROOM_KMS_TLS_KEY_FILE'), services: servicesTls() };
  const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
    try {
      parseEnv(env, schema);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('reads nothing by default: the API port and the clients stay plaintext', () => {
    expect(parseEnv({}, schema)).toEqual({ tls: undefined, services: undefined });
    expect(parseEnv({ STRONGROOM_SERVICES_TLS: 'false' }, schema).services).toBeUndefined();
  });

  it('reads a server certificate and its key under the names given, and the CA bundle the clients verify with', () => {
    const config = parseEnv({ STRONGROOM_KMS_TLS_CERT_FILE: certFile, STRONGROOM_KMS_TLS_KEY_FILE: keyFile, STRONGROOM_SERVICES_CA_FILE: certFile }, schema);
    expect(config.tls).toEqual({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
    expect(config.services?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(parseEnv({ STRONGROOM_SERVICES_TLS: 'true' }, schema).services).toEqual({});
  });

  it('reports one file of a pair without the other, a CA bundle that holds no certificate, and contradictions, never printing a key', () => {
    expect(problemsOf({ STRONGROOM_KMS_TLS_KEY_FILE: keyFile, STRONGROOM_SERVICES_CA_FILE: keyFile })).toEqual([
      'STRONGROOM_KMS_TLS_CERT_FILE / STRONGROOM_KMS_TLS_KEY_FILE: set both, or neither',
      expect.stringMatching(/^STRONGROOM_SERVICES_TLS \/ STRONGROOM_SERVICES_CA_FILE: STRONGROOM_SERVICES_CA_FILE: the file STRONGROOM_SERVICES_CA_FILE names is not a readable PEM certificate bundle \(\w+\)$/),
    ]);
    expect(problemsOf({ STRONGROOM_SERVICES_CA_FILE: join(files.certFile, '..', 'missing.pem') })).toEqual([
      'STRONGROOM_SERVICES_TLS / STRONGROOM_SERVICES_CA_FILE: STRONGROOM_SERVICES_CA_FILE: the file STRONGROOM_SERVICES_CA_FILE names is not a readable PEM certificate bundle (ENOENT)',
    ]);
    expect(problemsOf({ STRONGROOM_SERVICES_CA_FILE: certFile, STRONGROOM_SERVICES_TLS: 'false' })).toEqual([
      'STRONGROOM_SERVICES_TLS / STRONGROOM_SERVICES_CA_FILE: STRONGROOM_SERVICES_TLS is false, but a CA bundle is set: unset one',
    ]);
    expect(problemsOf({ STRONGROOM_SERVICES_TLS: 'yes' })).toEqual(['STRONGROOM_SERVICES_TLS / STRONGROOM_SERVICES_CA_FILE: STRONGROOM_SERVICES_TLS must be true or false']);
    const everything = problemsOf({ STRONGROOM_KMS_TLS_CERT_FILE: keyFile, STRONGROOM_KMS_TLS_KEY_FILE: keyFile, STRONGROOM_SERVICES_CA_FILE: keyFile }).join('\n');
    expect(everything).not.toContain(files.key.split('\n')[1]);
  });
});
