import type { Series } from '../api/wire';
import { formatCount, formatGrowth, formatZoned } from '../format';

/** A series bucket by bucket, with its counterpart: the chart's figures, exactly. */
export function SeriesTable({ series, caption }: { series: Series; caption: string }) {
  return (
    <table>
      <caption>
        {caption} (times in {series.timezone})
      </caption>
      <thead>
        <tr>
          <th scope="col">Bucket from</th>
          <th scope="col">Transactions</th>
          <th scope="col">Compared bucket from</th>
          <th scope="col">Compared transactions</th>
          <th scope="col">Growth</th>
        </tr>
      </thead>
      <tbody>
        {series.buckets.map((b) => (
          <tr key={b.from}>
            <td>
              {formatZoned(b.from)}
              {b.partial && ' (partial)'}
            </td>
            <td class="number">{formatCount(b.transactions)}</td>
            <td>{formatZoned(b.previous.from)}</td>
            <td class="number">{formatCount(b.previous.transactions)}</td>
            <td class="number">{formatGrowth(b.growthPercent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
