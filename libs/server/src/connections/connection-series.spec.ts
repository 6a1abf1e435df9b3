import type { TrafficSeriesRow } from '@datashare/storage';
import { fillSeries, seriesBucketRanges } from './connection-series';

const at = (text: string) => Date.parse(text);
const spans = (buckets: { fromMs: number; toMs: number }[] | undefined) =>
  buckets?.map((b) => [new Date(b.fromMs).toISOString(), new Date(b.toMs).toISOString()]);

function row(firstMinute: string, figures: Partial<TrafficSeriesRow> = {}): TrafficSeriesRow {
  return {
    firstMinuteMs: at(firstMinute),
    transactions: 10,
    failures: 1,
    p50LatencyMs: 50,
    p95LatencyMs: 95,
    p99LatencyMs: 99,
    ...figures,
  };
}

describe('series buckets', () => {
  it('cuts a range into UTC minutes', () => {
    const range = { fromMs: at('2026-11-20T02:04:00Z'), toMs: at('2026-11-20T02:07:00Z') };
    expect(spans(seriesBucketRanges(range, 'minute', 'Asia/Ho_Chi_Minh', 3))).toEqual([
      ['2026-11-20T02:04:00.000Z', '2026-11-20T02:05:00.000Z'],
      ['2026-11-20T02:05:00.000Z', '2026-11-20T02:06:00.000Z'],
      ['2026-11-20T02:06:00.000Z', '2026-11-20T02:07:00.000Z'],
    ]);
    expect(seriesBucketRanges(range, 'minute', 'UTC', 2)).toBeUndefined();
  });

  it('cuts at local hour starts, clipping the first and last to the range', () => {
    const range = { fromMs: at('2026-11-20T02:30:00Z'), toMs: at('2026-11-20T04:10:00Z') };
    expect(spans(seriesBucketRanges(range, 'hour', 'Asia/Ho_Chi_Minh', 3))).toEqual([
      ['2026-11-20T02:30:00.000Z', '2026-11-20T03:00:00.000Z'],
      ['2026-11-20T03:00:00.000Z', '2026-11-20T04:00:00.000Z'],
      ['2026-11-20T04:00:00.000Z', '2026-11-20T04:10:00.000Z'],
    ]);
    // Local hours of a zone half an hour off UTC start at half past.
    expect(spans(seriesBucketRanges(range, 'hour', 'Asia/Kolkata', 3))).toEqual([
      ['2026-11-20T02:30:00.000Z', '2026-11-20T03:30:00.000Z'],
      ['2026-11-20T03:30:00.000Z', '2026-11-20T04:10:00.000Z'],
    ]);
    expect(seriesBucketRanges(range, 'hour', 'Asia/Ho_Chi_Minh', 2)).toBeUndefined();
  });

  it('keeps both hours that a DST change back repeats on the clock', () => {
    // Europe/Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET, at 01:00 UTC.
    const range = { fromMs: at('2026-10-25T00:00:00Z'), toMs: at('2026-10-25T02:00:00Z') };
    expect(spans(seriesBucketRanges(range, 'hour', 'Europe/Berlin', 10))).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    ]);
  });

  it('cuts at local midnights: a DST day is 23 or 25 hours long', () => {
    const range = { fromMs: at('2026-10-23T22:00:00Z'), toMs: at('2026-10-26T23:00:00Z') };
    expect(spans(seriesBucketRanges(range, 'day', 'Europe/Berlin', 3))).toEqual([
      ['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z'],
      ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
      ['2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z'],
    ]);
    expect(seriesBucketRanges(range, 'day', 'Europe/Berlin', 2)).toBeUndefined();
  });

  it('starts a day where the clock skips midnight at the end of the gap', () => {
    // America/Santiago, 2026-09-06: 00:00 (-04:00) becomes 01:00 (-03:00).
    const range = { fromMs: at('2026-09-05T04:00:00Z'), toMs: at('2026-09-07T03:00:00Z') };
    expect(spans(seriesBucketRanges(range, 'day', 'America/Santiago', 5))).toEqual([
      ['2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z'],
      ['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ]);
  });
});

describe('filling a series', () => {
  const buckets = [
    { fromMs: at('2026-11-20T01:00:00Z'), toMs: at('2026-11-20T02:00:00Z') },
    { fromMs: at('2026-11-20T02:00:00Z'), toMs: at('2026-11-20T03:00:00Z') },
    { fromMs: at('2026-11-20T03:00:00Z'), toMs: at('2026-11-20T04:00:00Z') },
  ];
  const none = { transactions: 0, failures: 0, p50LatencyMs: null, p95LatencyMs: null };

  it('puts each row in the bucket of its first minute and zeros in the others', () => {
    const filled = fillSeries(buckets, [row('2026-11-20T02:59:00Z')], at('2026-11-21T00:00:00Z'));
    expect(filled).toEqual([
      { ...buckets[0], ...none, p99LatencyMs: null },
      {
        ...buckets[1],
        transactions: 10,
        failures: 1,
        p50LatencyMs: 50,
        p95LatencyMs: 95,
        p99LatencyMs: 99,
      },
      { ...buckets[2], ...none, p99LatencyMs: null },
    ]);
  });

  it('keeps a row without latency as null latency, and ignores a row outside the range', () => {
    const filled = fillSeries(
      buckets,
      [
        row('2026-11-20T01:00:00Z', { p50LatencyMs: null, p95LatencyMs: null, p99LatencyMs: null }),
        row('2026-11-20T04:00:00Z'),
      ],
      at('2026-11-21T00:00:00Z'),
    );
    expect(filled.map((b) => [b.transactions, b.p95LatencyMs])).toEqual([
      [10, null],
      [0, null],
      [0, null],
    ]);
  });

  it('leaves out the buckets that start after now; the one holding now is kept', () => {
    const filled = fillSeries(buckets, [], at('2026-11-20T02:30:00Z'));
    expect(filled.map((b) => new Date(b.fromMs).toISOString())).toEqual([
      '2026-11-20T01:00:00.000Z',
      '2026-11-20T02:00:00.000Z',
    ]);
  });
});
