import { useMemo, useState } from 'preact/hooks';
import { type Params, getJson } from '../api/client';
import type { TrafficBucket, TrafficSeries } from '../api/wire';
import { TimeChart, transactionsLine } from '../chart/time-chart';
import { Choice } from '../controls/choice';
import { formatCount, formatInZone, formatLatency, formatRatio, plural } from '../format';
import { settings } from '../settings';
import { useAnswer } from '../shell/use-answer';
import { TRAFFIC_RANGES, type TrafficRangeChoice, trafficRange } from './traffic-range';

/** Refreshes between two reads of the longer ranges: their past buckets do not change. */
const SLOW_EVERY = 12;

interface Props {
  /** The connection filters of GET /api/v1/connections/series: one connection, or an agency. */
  filters: Params;
  /** Who the figures are of, in the chart's caption: "this connection", "MPS's connections". */
  subject: string;
  refreshKey: number;
}

/**
 * Volume, failures and p95 latency over a chosen past range, read from the stored minute
 * rollup: the chart has its history the moment the page opens, and keeps up with live refresh.
 */
export function TrafficHistory({ filters, subject, refreshKey }: Props) {
  const [choice, setChoice] = useState<TrafficRangeChoice>('day_by_hour');
  const every = choice === 'hour_by_minute' ? 1 : SLOW_EVERY;
  const series = useAnswer(
    () =>
      getJson<TrafficSeries>('/api/v1/connections/series', {
        ...trafficRange(choice, Date.now(), settings.reportTimezone),
        ...filters,
      }),
    [choice, JSON.stringify(filters), Math.floor(refreshKey / every)],
  );
  const label = TRAFFIC_RANGES.find((r) => r.key === choice)?.label ?? '';
  return (
    <div class="traffic-history">
      <div class="controls">
        <Choice
          label="Range"
          name="traffic-range"
          value={choice}
          options={TRAFFIC_RANGES}
          onChange={setChoice}
        />
      </div>
      {series.error !== null && (
        <p role="alert" class="error">
          {series.error}
        </p>
      )}
      {series.data !== null && (
        <TrafficChart series={series.data} caption={`${subject}, ${label.toLowerCase()}`} />
      )}
    </div>
  );
}

function TrafficChart({ series, caption }: { series: TrafficSeries; caption: string }) {
  const { times, lines } = useMemo(
    () => ({
      times: series.buckets.map((b) => Date.parse(b.from)),
      lines: [
        transactionsLine(series.buckets),
        {
          label: 'Failures',
          values: series.buckets.map((b) => b.failures),
          color: '#b3261e',
          dashed: true,
        },
        {
          label: 'p95 latency (ms)',
          values: series.buckets.map((b) => b.p95LatencyMs),
          color: '#5b3a8c',
          axis: 'right' as const,
        },
      ],
    }),
    [series],
  );
  return (
    <>
      <TimeChart
        caption={`${caption}: transactions, failures and p95 latency per ${series.interval}, in ${series.timezone}`}
        times={times}
        lines={lines}
        timezone={series.timezone}
        leftLabel="transactions"
        rightLabel="p95 ms"
      >
        <TrafficTable series={series} caption={caption} />
      </TimeChart>
      <p class="muted" data-summary>
        {summary(series)}
      </p>
    </>
  );
}

/** The chart in one sentence: the totals, and the slowest bucket. */
function summary(series: TrafficSeries): string {
  const transactions = series.buckets.reduce((n, b) => n + b.transactions, 0);
  const failures = series.buckets.reduce((n, b) => n + b.failures, 0);
  const slowest = series.buckets.reduce<TrafficBucket | null>(
    (worst, b) =>
      b.p95LatencyMs !== null && (worst === null || b.p95LatencyMs > (worst.p95LatencyMs ?? 0))
        ? b
        : worst,
    null,
  );
  const ratio = transactions === 0 ? null : (transactions - failures) / transactions;
  return (
    `In all: ${plural(transactions, 'transaction')}, ${plural(failures, 'failure')} ` +
    `(${formatRatio(ratio)} success) over ${plural(series.connections, 'connection')}` +
    (slowest === null
      ? '.'
      : `; the highest p95 latency was ${formatLatency(slowest.p95LatencyMs)}, ` +
        `from ${formatInZone(slowest.from, series.timezone)}.`)
  );
}

/** The chart's figures, bucket by bucket, exactly as the API gave them. */
function TrafficTable({ series, caption }: { series: TrafficSeries; caption: string }) {
  return (
    <table data-interval={series.interval}>
      <caption>
        {caption} (times in {series.timezone})
      </caption>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Transactions</th>
          <th scope="col">Failures</th>
          <th scope="col">Success</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">p99</th>
        </tr>
      </thead>
      <tbody>
        {[...series.buckets].reverse().map((b) => (
          <tr key={b.from} data-from={b.from} data-to={b.to}>
            <td>{formatInZone(b.from, series.timezone)}</td>
            <td class="number" data-figure="transactions">
              {formatCount(b.transactions)}
            </td>
            <td class="number" data-figure="failures">
              {formatCount(b.failures)}
            </td>
            <td class="number">{formatRatio(b.successRatio)}</td>
            <td class="number">{formatLatency(b.p50LatencyMs)}</td>
            <td class="number" data-figure="p95" data-value={b.p95LatencyMs ?? ''}>
              {formatLatency(b.p95LatencyMs)}
            </td>
            <td class="number">{formatLatency(b.p99LatencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
