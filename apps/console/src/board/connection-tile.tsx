import type { Connection } from '../api/wire';
import { formatAgo, formatCount, formatLatency, formatLocalTime, formatRatio } from '../format';
import { connectionHref } from '../shell/route';
import { StateBadge } from './state-badge';

/** One connection: its state in colour, symbol and word, and its live window figures. */
export function ConnectionTile({
  connection: c,
  nowMs,
}: {
  connection: Connection;
  nowMs: number;
}) {
  const w = c.window;
  return (
    <li
      class={`tile state-${c.state}`}
      data-state={c.state}
      data-connection={`${c.platform} ${c.consumer} ${c.provider}`}
    >
      <a class="tile-link" href={connectionHref(c)}>
        <span class="tile-head">
          <StateBadge state={c.state} />
          <span class="platform">{c.platform}</span>
        </span>
        <span class="tile-name">
          {c.consumer} <span aria-label="to">→</span> {c.provider}
        </span>
        <dl class="figures">
          <div>
            <dt>Transactions</dt>
            <dd>{formatCount(w.transactions)}</dd>
          </div>
          <div>
            <dt>Success</dt>
            <dd>{formatRatio(w.successRatio)}</dd>
          </div>
          <div>
            <dt>p95</dt>
            <dd>{formatLatency(w.p95LatencyMs)}</dd>
          </div>
          <div>
            <dt>Last seen</dt>
            <dd title={w.lastSeen === null ? undefined : formatLocalTime(w.lastSeen)}>
              {formatAgo(w.lastSeen, nowMs)}
            </dd>
          </div>
        </dl>
      </a>
    </li>
  );
}
