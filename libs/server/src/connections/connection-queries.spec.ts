import { BadRequestException } from '@nestjs/common';
import { parseQuery } from '../http/parse-query';
import { connectionSeriesQuery } from './connection-queries';

const limits = { maxRangeDays: 31, maxBuckets: 48, timezone: 'Asia/Ho_Chi_Minh' };
const query = connectionSeriesQuery(limits);
const range = { from: '2026-11-20T09:00:00+07:00', to: '2026-11-20T12:00:00+07:00' };

function refusal(input: Record<string, unknown>): string {
  try {
    parseQuery(query, input);
  } catch (error) {
    if (error instanceof BadRequestException) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('connection series query', () => {
  it('reads the range, hour buckets by default, and the filters given', () => {
    const parsed = parseQuery(query, { ...range, agency: 'MPS', platform: 'NDXP' });
    expect(parsed.range).toEqual({
      fromMs: Date.parse('2026-11-20T02:00:00Z'),
      toMs: Date.parse('2026-11-20T05:00:00Z'),
    });
    expect(parsed.interval).toBe('hour');
    expect(parsed.filter).toEqual({ agency: 'MPS', platform: 'NDXP' });
    expect(parsed.buckets).toHaveLength(3);
  });

  it.each([
    [{ to: range.to }, 'from: is required: an RFC 3339 date and time with Z or an offset'],
    [
      { ...range, from: '2026-11-20' },
      'from: must be an RFC 3339 date and time with Z or an offset',
    ],
    [{ ...range, from: '2026-11-20T09:00:30+07:00' }, 'from: must be a whole minute (seconds :00)'],
    [{ ...range, to: range.from }, 'from: must be before to'],
    [
      { from: range.from, to: '2026-12-22T09:00:00+07:00', interval: 'day' },
      'to: must be at most 31 days after from',
    ],
    [
      { from: range.from, to: '2026-11-22T09:01:00+07:00' },
      'interval: the range holds more than 48 hour buckets, the maximum; choose a longer interval or a shorter range',
    ],
    [{ ...range, interval: 'week' }, 'interval: must be one of minute, hour, day'],
    [
      { ...range, agency: 'MPS NPD' },
      'agency: must be a code of 1 to 64 letters, digits, ".", "_" or "-"',
    ],
    [{ ...range, service: 'x' }, 'unknown parameter service'],
    [{ ...range, consumer: ['A', 'B'] }, 'consumer: '],
  ])('refuses %j', (input, message) => {
    expect(refusal(input)).toContain(message);
  });

  it('accepts exactly the most buckets allowed', () => {
    const parsed = parseQuery(query, { from: range.from, to: '2026-11-22T09:00:00+07:00' });
    expect(parsed.buckets).toHaveLength(48);
  });
});
