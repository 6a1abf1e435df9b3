import { getJson } from '../api/client';
import type { Agency, Connection, HealthEvent, Series } from '../api/wire';
import { connectionId } from '../board/board-model';
import { ConnectionTile } from '../board/connection-tile';
import { StateBadge } from '../board/state-badge';
import { formatCount, formatGrowth } from '../format';
import { SeriesChart } from '../growth/series-chart';
import { useAnswer } from '../shell/use-answer';
import { EventsTimeline } from './events-timeline';
import { recentDaysRange, recentEventsRange } from './recent';
import { sumSeries } from './sum-series';
import { TrafficHistory } from './traffic-history';

interface Props {
  code: string;
  refreshKey: number;
  nowMs: number;
}

/** One agency: its worst state, its connections either side, its volume and its state changes. */
export function AgencyDrill({ code, refreshKey, nowMs }: Props) {
  const agency = useAnswer(
    () => getJson<Agency>(`/api/v1/agencies/${encodeURIComponent(code)}`),
    [code, refreshKey],
  );
  const events = useAnswer(
    () =>
      getJson<{ events: HealthEvent[] }>('/api/v1/connections/events', {
        ...recentEventsRange(),
        agency: code,
        limit: '500',
      }),
    [code, refreshKey],
  );
  const a = agency.data?.code === code ? agency.data : null;
  const consumers = systems(a?.asConsumer ?? [], 'consumer');
  const providers = systems(a?.asProvider ?? [], 'provider');
  const volume = useAnswer(
    () => Promise.all([systemsVolume('consumer', consumers), systemsVolume('provider', providers)]),
    [consumers.join(), providers.join(), Math.floor(refreshKey / 12)],
  );

  return (
    <section class="panel drill" aria-labelledby="drill-title">
      <p>
        <a href="#/">← All connections</a>
      </p>
      <h2 id="drill-title">Agency {code}</h2>
      {agency.error !== null && (
        <p role="alert" class="error">
          {agency.error}
        </p>
      )}
      {a !== null && (
        <>
          <p class="current" data-state={a.state}>
            Worst state <StateBadge state={a.state} />; {a.asConsumer.length} connections as
            consumer, {a.asProvider.length} as provider. This month:{' '}
            {formatCount(a.growth.current.transactions)} transactions,{' '}
            {formatGrowth(a.growth.growthPercent)} against the same days a year earlier (
            {a.growth.timezone}).
          </p>
          <h3>Volume, failures and latency</h3>
          <TrafficHistory
            filters={{ agency: code }}
            subject={`${code}'s connections`}
            refreshKey={refreshKey}
          />
          {volume.data?.[0] && (
            <SeriesChart
              series={volume.data[0]}
              caption={`Transactions ${code}'s systems requested, last 30 days`}
            />
          )}
          {volume.data?.[1] && (
            <SeriesChart
              series={volume.data[1]}
              caption={`Transactions ${code}'s systems served, last 30 days`}
            />
          )}
          {volume.error !== null && (
            <p role="alert" class="error">
              {volume.error}
            </p>
          )}
          <ConnectionList title="As consumer" connections={a.asConsumer} nowMs={nowMs} />
          <ConnectionList title="As provider" connections={a.asProvider} nowMs={nowMs} />
        </>
      )}
      <h3>State changes, last 7 days</h3>
      {events.error !== null && (
        <p role="alert" class="error">
          {events.error}
        </p>
      )}
      {events.data !== null && <EventsTimeline events={events.data.events} showConnection />}
    </section>
  );
}

function ConnectionList({
  title,
  connections,
  nowMs,
}: {
  title: string;
  connections: Connection[];
  nowMs: number;
}) {
  if (connections.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul class="tiles" aria-label={title}>
        {connections.map((c) => (
          <ConnectionTile key={connectionId(c)} connection={c} nowMs={nowMs} />
        ))}
      </ul>
    </>
  );
}

function systems(connections: Connection[], side: 'consumer' | 'provider'): string[] {
  return [...new Set(connections.map((c) => c[side]))].sort();
}

async function systemsVolume(
  side: 'consumer' | 'provider',
  codes: string[],
): Promise<Series | null> {
  const range = { ...recentDaysRange(), interval: 'day', compare: 'previous_period' };
  return sumSeries(
    await Promise.all(
      codes.map((code) => getJson<Series>('/api/v1/growth/series', { ...range, [side]: code })),
    ),
  );
}
