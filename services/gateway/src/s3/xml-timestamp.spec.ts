import { formatHttpDate } from './http-date';
import { xmlTimestamp } from './xml-timestamp';

describe('xmlTimestamp', () => {
  it.each([
    ['2024-05-01T10:59:21.585Z', '2024-05-01T10:59:21.000Z'],
    ['2024-05-01T10:59:21.999Z', '2024-05-01T10:59:21.000Z'],
    ['2024-05-01T10:59:21.000Z', '2024-05-01T10:59:21.000Z'],
    ['1969-12-31T23:59:59.500Z', '1969-12-31T23:59:59.000Z'],
  ])('%s → %s', (time, expected) => {
    expect(xmlTimestamp(new Date(time))).toBe(expected);
  });

  it('names the second the Last-Modified header shows', () => {
    const date = new Date('2024-05-01T10:59:21.999Z');
    expect(formatHttpDate(new Date(xmlTimestamp(date)!))).toBe(formatHttpDate(date));
  });

  it('leaves an absent time out', () => {
    expect(xmlTimestamp(undefined)).toBeUndefined();
  });
});
