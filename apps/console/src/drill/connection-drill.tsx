import { getJson } from '../api/client';
import type { Connection, ConnectionKey, HealthEvent, Series } from '../api/wire';
import { agencyOf, connectionId } from '../board/board-model';
import { StateBadge } from '../board/state-badge';
import { formatAgo, formatCount, formatLatency, formatLocalTime, formatRatio } from '../format';
import { SeriesChart } from '../growth/series-chart';
import { agencyHref } from '../shell/route';
import { useAnswer } from '../shell/use-answer';
import { EventsTimeline } from './events-timeline';
import { recentDaysRange, recentEventsRange } from './recent';
import { TrafficHistory } from './traffic-history';

interface Props {
  connectionKey: ConnectionKey;
  connection: Connection | undefined;
  refreshKey: number;
  nowMs: number;
}

/** One connection: its state and why, its window live, its volume by day and its state changes. */
export function ConnectionDrill({ connectionKey: key, connection, refreshKey, nowMs }: Props) {
  const filters = { platform: key.platform, consumer: key.consumer, provider: key.provider };
  const events = useAnswer(
    () =>
      getJson<{ events: HealthEvent[] }>('/api/v1/connections/events', {
        ...recentEventsRange(),
        ...filters,
        limit: '500',
      }),
    [connectionId(key), refreshKey],
  );
  const volume = useAnswer(
    () =>
      getJson<Series>('/api/v1/growth/series', {
        ...recentDaysRange(),
        interval: 'day',
        compare: 'previous_period',
        ...filters,
      }),
    [connectionId(key), Math.floor(refreshKey / 12)],
  );

  return (
    <section class="panel drill" aria-labelledby="drill-title">
      <p>
        <a href="#/">← All connections</a>
      </p>
      <h2 id="drill-title">
        {key.consumer} → {key.provider} <span class="platform">on {key.platform}</span>
      </h2>
      <p>
        Agencies: <a href={agencyHref(agencyOf(key.consumer))}>{agencyOf(key.consumer)}</a>{' '}
        (consumer), <a href={agencyHref(agencyOf(key.provider))}>{agencyOf(key.provider)}</a>{' '}
        (provider)
      </p>
      {connection === undefined ? (
        <p class="muted">This connection is not in the monitor&rsquo;s list (yet).</p>
      ) : (
        <CurrentState connection={connection} nowMs={nowMs} />
      )}
      <h3>Volume, failures and latency</h3>
      <TrafficHistory filters={filters} subject="This connection" refreshKey={refreshKey} />
      {volume.data !== null && (
        <SeriesChart series={volume.data} caption="Transactions of this connection, last 30 days" />
      )}
      {volume.error !== null && (
        <p role="alert" class="error">
          {volume.error}
        </p>
      )}
      <h3>State changes, last 7 days</h3>
      {events.error !== null && (
        <p role="alert" class="error">
          {events.error}
        </p>
      )}
      {events.data !== null && (
        <EventsTimeline events={events.data.events} showConnection={false} />
      )}
    </section>
  );
}

function CurrentState({ connection: c, nowMs }: { connection: Connection; nowMs: number }) {
  const w = c.window;
  return (
    <div class={`current state-${c.state}`} data-state={c.state}>
      <p>
        <StateBadge state={c.state} />{' '}
        {c.since === null ? 'no state change yet' : `since ${formatLocalTime(c.since)}`}
        {c.reason !== null && <span class="reason">: {c.reason}</span>}
      </p>
      <dl class="figures">
        <div>
          <dt>Transactions in window</dt>
          <dd>{formatCount(w.transactions)}</dd>
        </div>
        <div>
          <dt>Failures</dt>
          <dd>{formatCount(w.failures)}</dd>
        </div>
        <div>
          <dt>Success</dt>
          <dd>{formatRatio(w.successRatio)}</dd>
        </div>
        <div>
          <dt>p95 latency</dt>
          <dd>{formatLatency(w.p95LatencyMs)}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{formatAgo(w.lastSeen, nowMs)}</dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd>{formatAgo(w.lastSuccess, nowMs)}</dd>
        </div>
      </dl>
      <p class="muted">
        Window {formatLocalTime(w.from)} to {formatLocalTime(w.to)} (your browser&rsquo;s time)
      </p>
    </div>
  );
}
