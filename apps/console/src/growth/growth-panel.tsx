import { useState } from 'preact/hooks';
import { getJson } from '../api/client';
import type { Compare, Growth, Interval, Series } from '../api/wire';
import { type ChoiceOption, Choice } from '../controls/choice';
import { formatCount, formatGrowth, formatSigned, formatZoned } from '../format';
import { settings } from '../settings';
import { useAnswer } from '../shell/use-answer';
import { PRESETS, type Preset, presetRange, todayIn } from './periods';
import { SeriesChart } from './series-chart';

interface Query {
  from: string;
  to: string;
  compare: Compare;
  interval: Interval;
  tz: string;
}

const COMPARES: ChoiceOption<Compare>[] = [
  { key: 'previous_year', label: 'Previous year' },
  { key: 'previous_period', label: 'Previous period' },
];

const INTERVALS: ChoiceOption<Interval>[] = [
  { key: 'day', label: 'Day' },
  { key: 'week', label: 'Week' },
  { key: 'month', label: 'Month' },
  { key: 'quarter', label: 'Quarter' },
];

const ZONES = ['Asia/Ho_Chi_Minh', 'UTC', 'Asia/Bangkok', 'Europe/Paris', 'America/New_York'];

function initialQuery(): Query {
  return {
    ...presetRange('this_month', todayIn(settings.reportTimezone)),
    compare: 'previous_year',
    interval: 'day',
    tz: '',
  };
}

/** Period-over-period growth of all traffic: the figure, its marks, and the series as a chart. */
export function GrowthPanel({ refreshKey }: { refreshKey: number }) {
  const [draft, setDraft] = useState<Query>(initialQuery);
  const [preset, setPreset] = useState<Preset | 'custom'>('this_month');
  const [query, setQuery] = useState<Query>(draft);
  const params = { from: query.from, to: query.to, compare: query.compare, tz: query.tz };
  const growth = useAnswer(() => getJson<Growth>('/api/v1/growth', params), [query, refreshKey]);
  const series = useAnswer(
    () => getJson<Series>('/api/v1/growth/series', { ...params, interval: query.interval }),
    [query, refreshKey],
  );
  const edit = (change: Partial<Query>) => setDraft({ ...draft, ...change });

  return (
    <section class="panel" aria-labelledby="growth-title">
      <h2 id="growth-title">Growth</h2>
      <form
        class="controls"
        aria-label="Growth period and comparison"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(draft);
        }}
      >
        <Choice<Preset | 'custom'>
          label="Period"
          name="period"
          value={preset}
          options={[...PRESETS, { key: 'custom', label: 'Custom dates' }]}
          onChange={(value) => {
            setPreset(value);
            if (value !== 'custom')
              edit(
                presetRange(value, todayIn(draft.tz === '' ? settings.reportTimezone : draft.tz)),
              );
          }}
        />
        <label>
          From (inclusive)
          <input
            type="date"
            name="from"
            required
            value={draft.from}
            onInput={(event) => {
              setPreset('custom');
              edit({ from: event.currentTarget.value });
            }}
          />
        </label>
        <label>
          To (exclusive)
          <input
            type="date"
            name="to"
            required
            value={draft.to}
            onInput={(event) => {
              setPreset('custom');
              edit({ to: event.currentTarget.value });
            }}
          />
        </label>
        <Choice
          label="Compared with"
          name="compare"
          value={draft.compare}
          options={COMPARES}
          onChange={(compare) => edit({ compare })}
        />
        <Choice
          label="Chart per"
          name="interval"
          value={draft.interval}
          options={INTERVALS}
          onChange={(interval) => edit({ interval })}
        />
        <label>
          Time zone
          <input
            name="tz"
            list="zones"
            placeholder={`${settings.reportTimezone} (the monitor's)`}
            value={draft.tz}
            onInput={(event) => edit({ tz: event.currentTarget.value.trim() })}
          />
          <datalist id="zones">
            {ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        <button type="submit">Show</button>
      </form>
      {growth.error !== null && (
        <p role="alert" class="error">
          {growth.error}
        </p>
      )}
      {growth.data !== null && <GrowthFigures growth={growth.data} />}
      {series.data !== null && <SeriesChart series={series.data} caption="Transactions" />}
      {series.error !== null && growth.error === null && (
        <p role="alert" class="error">
          {series.error}
        </p>
      )}
    </section>
  );
}

function GrowthFigures({ growth: g }: { growth: Growth }) {
  const compared =
    g.compare === 'previous_year' ? 'the same days a year earlier' : 'the period before';
  return (
    <div class="growth" aria-live="polite">
      <p class="growth-headline">
        <span class="big" data-figure="growthPercent">
          {formatGrowth(g.growthPercent)}
        </span>{' '}
        against {compared}
        {g.growthPercent === null && ' (the compared period counted no transaction)'}
      </p>
      <dl class="growth-figures">
        <div>
          <dt>Transactions</dt>
          <dd data-figure="current">{formatCount(g.current.transactions)}</dd>
        </div>
        <div>
          <dt>Compared period</dt>
          <dd data-figure="previous">{formatCount(g.previous.transactions)}</dd>
        </div>
        <div>
          <dt>Change</dt>
          <dd data-figure="change">{formatSigned(g.change)}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd data-figure="timezone">{g.timezone}</dd>
        </div>
      </dl>
      <p>
        {formatZoned(g.current.from)} to {formatZoned(g.current.to)}
        {g.current.partial && `, counted to ${formatZoned(g.current.countedTo)}`}; compared with{' '}
        {formatZoned(g.previous.from)} to {formatZoned(g.previous.countedTo)}.
      </p>
      <p class="marks">
        {g.current.partial && (
          <span class="mark" data-mark="partial">
            <span aria-hidden="true">◔</span> Partial: the period is still running, both periods are
            counted to the same point
          </span>
        )}
        {g.provisional && (
          <span class="mark" data-mark="provisional">
            <span aria-hidden="true">≈</span> Provisional: late events may still change these
            figures
          </span>
        )}
        {!g.current.partial && !g.provisional && (
          <span class="mark">Final: closed and past the late-arrival window</span>
        )}
      </p>
      <p class="muted">
        Newest event counted: {g.watermark === null ? 'none yet' : formatZoned(g.watermark)}
      </p>
    </div>
  );
}
