import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EnvReader } from './env';

/** Where a configured certificate chain and its private key are. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** A certificate chain and its private key, read (PEM). */
export interface TlsCertificate {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

/** The error code of a failed read (`ENOENT`, `EISDIR`), or `unparsable`: never anything of the content. */
const reasonOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unparsable';

/**
 * The problem with `files`, naming the variable of the file it concerns
 * (never its value: a PEM put in the variable by mistake would be printed),
 * or undefined when the key is the certificate's own.
 */
function problemOf(files: TlsFiles, certVariable: string, keyVariable: string): string | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(readFileSync(files.certFile));
  } catch (error) {
    return `the file ${certVariable} names is not a readable PEM certificate (${reasonOf(error)})`;
  }
  let key;
  try {
    key = createPrivateKey(readFileSync(files.keyFile));
  } catch (error) {
    return `the file ${keyVariable} names is not a readable PEM private key (${reasonOf(error)})`;
  }
  return certificate.checkPrivateKey(key) ? undefined : `the key ${keyVariable} names is not the private key of the certificate ${certVariable} names`;
}

/**
 * A certificate chain file and its private key file (`certVariable`,
 * `keyVariable`), both or neither, checked with the rest of the
 * configuration: each file readable, and the key the certificate's own
 * (else TLS fails only once the server is up, with OpenSSL's "key values
 * mismatch" naming neither).
 */
export function tlsFiles(certVariable: string, keyVariable: string): EnvReader<TlsFiles | undefined> {
  return {
    variable: `${certVariable} / ${keyVariable}`,
    read(env) {
      const certFile = env[certVariable] ?? '';
      const keyFile = env[keyVariable] ?? '';
      if (certFile === '' && keyFile === '') return { ok: true, value: undefined };
      if (certFile === '' || keyFile === '') return { ok: false, problem: 'set both, or neither' };
      const problem = problemOf({ certFile, keyFile }, certVariable, keyVariable);
      return problem === undefined ? { ok: true, value: { certFile, keyFile } } : { ok: false, problem };
    },
  };
}

/** The configured certificate and key, read; undefined when none is configured. */
export function readTlsFiles(files: TlsFiles | undefined): TlsCertificate | undefined {
  return files === undefined ? undefined : { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
}

/**
 * An optional file of PEM CA certificates (a bundle): undefined when unset,
 * else its content, which must hold at least one certificate.
 */
export function caBundleFile(variable: string): EnvReader<Buffer | undefined> {
  return {
    variable,
    read(env) {
      const file = env[variable] ?? '';
      if (file === '') return { ok: true, value: undefined };
      try {
        const bundle = readFileSync(file);
        new X509Certificate(bundle);
        return { ok: true, value: bundle };
      } catch (error) {
        return { ok: false, problem: `the file ${variable} names is not a readable PEM certificate bundle (${reasonOf(error)})` };
      }
    },
  };
}

/** How this process's clients verify the services' certificates: present, they call kms, policy and storage over TLS. */
export interface ServicesTls {
  /** The CA bundle (PEM); absent: the system's roots (Node's, with NODE_EXTRA_CA_CERTS, unless grpc-js's GRPC_DEFAULT_SSL_ROOTS_FILE_PATH names others). */
  readonly ca?: Buffer | undefined;
}

const SERVICES_TLS = 'STRONGROOM_SERVICES_TLS';
const SERVICES_CA_FILE = 'STRONGROOM_SERVICES_CA_FILE';

/**
 * `STRONGROOM_SERVICES_TLS` and `STRONGROOM_SERVICES_CA_FILE`: whether
 * this process calls the services (kms, policy, storage) over TLS, and the
 * CA bundle that verifies their certificates. A CA bundle means TLS;
 * `true` without one verifies by the system's roots; neither (or `false`
 * alone) calls them in plaintext, as the embedded stack does on loopback.
 */
export function servicesTls(): EnvReader<ServicesTls | undefined> {
  const ca = caBundleFile(SERVICES_CA_FILE);
  return {
    variable: `${SERVICES_TLS} / ${SERVICES_CA_FILE}`,
    read(env) {
      const wanted = env[SERVICES_TLS] ?? '';
      if (!['', 'true', 'false'].includes(wanted)) return { ok: false, problem: `${SERVICES_TLS} must be true or false` };
      const bundle = ca.read(env);
      if (!bundle.ok) return { ok: false, problem: `${SERVICES_CA_FILE}: ${bundle.problem}` };
      if (bundle.value !== undefined && wanted === 'false') return { ok: false, problem: `${SERVICES_TLS} is false, but a CA bundle is set: unset one` };
      if (bundle.value !== undefined) return { ok: true, value: { ca: bundle.value } };
      return { ok: true, value: wanted === 'true' ? {} : undefined };
    },
  };
}
