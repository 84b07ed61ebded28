import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorReason } from '@strongroom/contracts';
import { Status } from 'nice-grpc-common';
import { statusForReason } from './reason-status';

/** Each reason of error_reason.proto with the gRPC code its comment names (`// gRPC code: NOT_FOUND.`). */
function documentedCodes(): Map<string, string | undefined> {
  const proto = readFileSync(resolve(__dirname, '../../../proto/strongroom/errors/v1/error_reason.proto'), 'utf8');
  const documented = new Map<string, string | undefined>();
  for (const match of proto.matchAll(/((?:  \/\/[^\n]*\n)*)  ERROR_REASON_(\w+) = \d+;/g)) {
    documented.set(match[2]!, /\/\/ gRPC code: (\w+)\.\n/.exec(match[1]!)?.[1]);
  }
  return documented;
}

describe('statusForReason and error_reason.proto', () => {
  it('every reason a server sends names, in its proto comment, the gRPC code the table gives it', () => {
    const documented = documentedCodes();
    const reasons = Object.entries(ErrorReason).filter(([name, value]) => typeof value === 'number' && name !== 'UNSPECIFIED' && name !== 'UNRECOGNIZED');
    expect(reasons.length).toBeGreaterThan(60);
    for (const [name, reason] of reasons) {
      expect([name, documented.get(name)]).toEqual([name, Status[statusForReason(reason as ErrorReason)]]);
    }
  });
});
