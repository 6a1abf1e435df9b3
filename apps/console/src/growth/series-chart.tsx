import { useMemo } from 'preact/hooks';
import type { Series } from '../api/wire';
import { TimeChart, transactionsLine } from '../chart/time-chart';
import { SeriesTable } from './series-table';

const COMPARE_LABEL = { previous_period: 'previous period', previous_year: 'previous year' };

/** A growth series: each bucket (solid) against its counterpart (dashed), at the bucket's start. */
export function SeriesChart({ series, caption }: { series: Series; caption: string }) {
  const { times, lines } = useMemo(
    () => ({
      times: series.buckets.map((b) => Date.parse(b.from)),
      lines: [
        transactionsLine(series.buckets),
        {
          label: `Same bucket, ${COMPARE_LABEL[series.compare]}`,
          values: series.buckets.map((b) => b.previous.transactions),
          color: '#8a4b00',
          dashed: true,
        },
      ],
    }),
    [series],
  );
  const partial = series.buckets.some((b) => b.partial);
  return (
    <TimeChart
      caption={`${caption}, per ${series.interval}, in ${series.timezone}${partial ? '; the last bucket is partial (counted to now)' : ''}`}
      times={times}
      lines={lines}
      timezone={series.timezone}
      leftLabel="transactions"
    >
      <SeriesTable series={series} caption={caption} />
    </TimeChart>
  );
}
