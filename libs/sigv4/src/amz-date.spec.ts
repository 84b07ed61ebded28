import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date';

describe('request dates', () => {
  it('parses and formats ISO 8601 basic', () => {
    expect(parseAmzDate('20130524T000000Z')).toBe(Date.UTC(2013, 4, 24));
    expect(formatAmzDate(Date.UTC(2015, 7, 30, 12, 36, 0, 999))).toBe('20150830T123600Z');
  });

  it.each([
    '20130524',
    '20130524T000000',
    '2013-05-24T00:00:00Z',
    '20131324T000000Z',
    '20130230T000000Z',
    '20130524T250000Z',
    ' 20130524T000000Z',
  ])('rejects %j', (value) => {
    expect(parseAmzDate(value)).toBeUndefined();
  });

  it('parses an HTTP Date in GMT only', () => {
    expect(parseHttpDate('Fri, 24 May 2013 00:00:00 GMT')).toBe(Date.UTC(2013, 4, 24));
    expect(parseHttpDate('2013-05-24T00:00:00+02:00')).toBeUndefined();
    expect(parseHttpDate('Fri, 99 May 2013 00:00:00 GMT')).toBeUndefined();
  });
});
