import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EnvReader, Outcome } from './env';

/** A certificate chain and its private key, read (PEM). */
export interface TlsCertificate {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

/** The error code of a failed read (`ENOENT`, `EISDIR`), or `unparsable`: never anything of the content. */
const reasonOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unparsable';

/**
 * The certificate and key in the files the variables name, read once and
 * checked, or the problem with them, naming the variable of the file it
 * concerns (never its value: a PEM put in the variable by mistake would be
 * printed).
 */
function readPair(certFile: string, keyFile: string, certVariable: string, keyVariable: string): Outcome<TlsCertificate> {
  let cert: Buffer;
  let certificate: X509Certificate;
  try {
    cert = readFileSync(certFile);
    certificate = new X509Certificate(cert);
  } catch (error) {
    return { ok: false, problem: `the file ${certVariable} names is not a readable PEM certificate (${reasonOf(error)})` };
  }
  let key: Buffer;
  let privateKey;
  try {
    key = readFileSync(keyFile);
    privateKey = createPrivateKey(key);
  } catch (error) {
    return { ok: false, problem: `the file ${keyVariable} names is not a readable PEM private key (${reasonOf(error)})` };
  }
  if (!certificate.checkPrivateKey(privateKey)) return { ok: false, problem: `the key ${keyVariable} names is not the private key of the certificate ${certVariable} names` };
  return { ok: true, value: { cert, key } };
}

/**
 * A certificate chain file and its private key file (`certVariable`,
 * `keyVariable`), both or neither, read with the rest of the configuration
 * and checked: each file readable, and the key the certificate's own (else
 * TLS fails only once the server is up, with OpenSSL's "key values
 * mismatch" naming neither). Its value is what was read, so that a file's
 * problem is reported with every other setting's, and no later read of it
 * can fail apart from them.
 */
export function tlsFiles(certVariable: string, keyVariable: string): EnvReader<TlsCertificate | undefined> {
  return {
    variable: `${certVariable} / ${keyVariable}`,
    read(env) {
      const certFile = env[certVariable] ?? '';
      const keyFile = env[keyVariable] ?? '';
      if (certFile === '' && keyFile === '') return { ok: true, value: undefined };
      if (certFile === '' || keyFile === '') return { ok: false, problem: 'set both, or neither' };
      return readPair(certFile, keyFile, certVariable, keyVariable);
    },
  };
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
