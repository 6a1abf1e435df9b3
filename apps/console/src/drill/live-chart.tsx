import { useMemo } from 'preact/hooks';
import { TimeChart } from '../chart/time-chart';
import { formatCount, formatLatency, formatLocalTime } from '../format';
import type { Sample } from '../shell/live';

/**
 * The live window (transactions, failures, p95 latency) as each refresh since the page opened
 * saw it: the read APIs give these figures for now only, so the page keeps its own history.
 */
export function LiveChart({
  samples,
  refreshSeconds,
  latencyLabel = 'p95 latency (ms)',
}: {
  samples: Sample[];
  refreshSeconds: number;
  latencyLabel?: string;
}) {
  const { times, lines } = useMemo(
    () => ({
      times: samples.map((s) => s.atMs),
      lines: [
        {
          label: 'Transactions in window',
          values: samples.map((s) => s.transactions),
          color: '#0b5cad',
        },
        {
          label: 'Failures in window',
          values: samples.map((s) => s.failures),
          color: '#b3261e',
          dashed: true,
        },
        {
          label: latencyLabel,
          values: samples.map((s) => s.p95LatencyMs),
          color: '#5b3a8c',
          axis: 'right' as const,
        },
      ],
    }),
    [samples, latencyLabel],
  );
  return (
    <TimeChart
      caption={`Evaluation window since this page opened, sampled every ${refreshSeconds} s (your browser's time)`}
      times={times}
      lines={lines}
      leftLabel="transactions"
      rightLabel="p95 ms"
    >
      <table>
        <caption>Window figures at each refresh</caption>
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">Transactions</th>
            <th scope="col">Failures</th>
            <th scope="col">p95</th>
          </tr>
        </thead>
        <tbody>
          {samples
            .slice(-20)
            .reverse()
            .map((s) => (
              <tr key={s.atMs}>
                <td>{formatLocalTime(new Date(s.atMs).toISOString())}</td>
                <td class="number">{formatCount(s.transactions)}</td>
                <td class="number">{formatCount(s.failures)}</td>
                <td class="number">{formatLatency(s.p95LatencyMs)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </TimeChart>
  );
}
