import { KmsError } from './kms-error';
import { KmsInput } from './kms-input';
import { listPage } from './list-page';

const input = (members: object) => KmsInput.parse(Buffer.from(JSON.stringify(members)));
const items = ['a', 'b', 'c', 'd', 'e'];
const page = (members: object) => listPage(items, input(members), (item) => item, 2);

describe('listPage', () => {
  it('pages by Limit (the default when absent) and continues after the marker', () => {
    expect(page({})).toEqual({ items: ['a', 'b'], NextMarker: 'b', Truncated: true });
    expect(page({ Limit: 3, Marker: 'b' })).toEqual({ items: ['c', 'd', 'e'], NextMarker: undefined, Truncated: false });
    expect(page({ Limit: 1000 })).toEqual({ items, NextMarker: undefined, Truncated: false });
  });

  it('refuses a marker naming no item, and a Limit outside 1 to 1000', () => {
    expect(() => page({ Marker: 'z' })).toThrow(KmsError);
    expect(() => page({ Marker: 'z' })).toThrow(expect.objectContaining({ type: 'InvalidMarkerException' }) as Error);
    expect(() => page({ Limit: 1001 })).toThrow(expect.objectContaining({ type: 'ValidationException' }) as Error);
  });
});
