import type { HealthEvent } from '../api/wire';
import { StateBadge } from '../board/state-badge';
import { formatCount, formatLatency, formatLocalTime, formatRatio, plural } from '../format';

/** State changes, newest first, each with its rule, its reason and the figures it was judged on. */
export function EventsTimeline({
  events,
  showConnection,
}: {
  events: HealthEvent[];
  showConnection: boolean;
}) {
  if (events.length === 0) return <p class="muted">No state change in this range.</p>;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li key={`${e.at} ${e.platform} ${e.consumer} ${e.provider}`} data-state={e.state}>
          <time dateTime={e.at}>{formatLocalTime(e.at)}</time>
          <span class="transition">
            <StateBadge state={e.previousState} /> <span aria-label="became">→</span>{' '}
            <StateBadge state={e.state} />
          </span>
          {showConnection && (
            <span class="event-connection">
              {e.platform} {e.consumer} → {e.provider}
            </span>
          )}
          <span class="reason">
            {e.reason} <span class="muted">(rule {e.rule})</span>
          </span>
          <span class="muted">
            {plural(e.figures.transactions, 'transaction')}, {formatCount(e.figures.failures)}{' '}
            failed, success {formatRatio(e.figures.successRatio)}, p95{' '}
            {formatLatency(e.figures.p95LatencyMs)}
          </span>
        </li>
      ))}
    </ol>
  );
}
