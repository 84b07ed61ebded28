import { deriveSigningKey } from './signing';

/** AWS's worked example, "Examples of how to derive a signing key for Signature Version 4". */
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const EXPECTED = 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d';

describe('deriveSigningKey', () => {
  test("derives AWS's example key from the secret as a string or as bytes, leaving the caller's bytes for it to wipe", () => {
    const bytes = Buffer.from(SECRET, 'utf8');
    expect(deriveSigningKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(EXPECTED);
    expect(deriveSigningKey(bytes, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(EXPECTED);
    expect(bytes.toString('utf8')).toBe(SECRET);
  });
});
