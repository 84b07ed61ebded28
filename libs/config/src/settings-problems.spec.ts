import { ConfigError } from './env';
import { SettingsProblems } from './settings-problems';
import { StartRefused } from './start-refused';

describe('SettingsProblems', () => {
  it('keeps every problem of the loaders that refuse, and what the others return', () => {
    const problems = new SettingsProblems('STRONGROOM_LOG_LEVEL: must be one of trace', undefined);
    expect(problems.read(() => 7)).toBe(7);
    expect(problems.read(() => { throw new ConfigError(['A: is required', 'B: must be true or false']); })).toBeUndefined();
    expect(problems.read(() => { throw new StartRefused('C: cannot read /x (ENOENT)'); })).toBeUndefined();
    expect(problems.error().problems).toEqual(['STRONGROOM_LOG_LEVEL: must be one of trace', 'A: is required', 'B: must be true or false', 'C: cannot read /x (ENOENT)']);
  });

  it('throws on an error that is no refusal (a bug), keeping its stack, rather than list its message as a bad setting', () => {
    const problems = new SettingsProblems();
    const bug = new TypeError("Cannot read properties of undefined (reading 'port')");
    expect(() => problems.read(() => { throw bug; })).toThrow(bug);
    expect(problems.found).toBe(false);
  });
});
