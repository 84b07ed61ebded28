import type { EnvReader } from '@strongroom/config';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TlsCertificate } from '../http/server';

const CERT_FILE = 'STRONGROOM_GATEWAY_TLS_CERT_FILE';
const KEY_FILE = 'STRONGROOM_GATEWAY_TLS_KEY_FILE';

/** Where the configured certificate and key are. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** The problem with `files`, naming the file it concerns, or undefined when the key is the certificate's own. */
function problemOf(files: TlsFiles): string | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(readFileSync(files.certFile));
  } catch (error) {
    return `${files.certFile} is not a readable PEM certificate (${(error as NodeJS.ErrnoException).code ?? 'unparsable'})`;
  }
  let key;
  try {
    key = createPrivateKey(readFileSync(files.keyFile));
  } catch (error) {
    return `${files.keyFile} is not a readable PEM private key (${(error as NodeJS.ErrnoException).code ?? 'unparsable'})`;
  }
  return certificate.checkPrivateKey(key) ? undefined : `${files.keyFile} is not the private key of the certificate in ${files.certFile}`;
}

/**
 * `STRONGROOM_GATEWAY_TLS_CERT_FILE` and `_KEY_FILE`, both or neither,
 * checked with the rest of the configuration: each file readable, and the
 * key the certificate's own (else TLS fails only once the stack is up, with
 * OpenSSL's "key values mismatch" naming neither).
 */
export function tlsFiles(): EnvReader<TlsFiles | undefined> {
  return {
    variable: `${CERT_FILE} / ${KEY_FILE}`,
    read(env) {
      const certFile = env[CERT_FILE] ?? '';
      const keyFile = env[KEY_FILE] ?? '';
      if (certFile === '' && keyFile === '') return { ok: true, value: undefined };
      if (certFile === '' || keyFile === '') return { ok: false, problem: 'set both, or neither' };
      const problem = problemOf({ certFile, keyFile });
      return problem === undefined ? { ok: true, value: { certFile, keyFile } } : { ok: false, problem };
    },
  };
}

/** The configured certificate and key, read; undefined when none is configured. */
export function readTlsFiles(files: TlsFiles | undefined): TlsCertificate | undefined {
  return files === undefined ? undefined : { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
}
