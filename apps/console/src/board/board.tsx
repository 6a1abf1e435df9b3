import { useMemo, useState } from 'preact/hooks';
import type { Connection, ConnectionState } from '../api/wire';
import { STATES } from '../state';
import { agencyHref } from '../shell/route';
import {
  type BoardFilter,
  NO_FILTER,
  SORTS,
  type SortKey,
  applyFilter,
  countByState,
  filterChoices,
  sortConnections,
} from './board-model';
import { ConnectionTile } from './connection-tile';
import { StateBadge } from './state-badge';

interface Props {
  connections: Connection[];
  nowMs: number;
}

/** Every connection as a tile, filtered and sorted; worst first unless the user sorts otherwise. */
export function Board({ connections, nowMs }: Props) {
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortKey>('worst');
  const choices = useMemo(() => filterChoices(connections), [connections]);
  const shown = useMemo(
    () => sortConnections(applyFilter(connections, filter), sort),
    [connections, filter, sort],
  );
  const counts = countByState(shown);
  const update = (change: Partial<BoardFilter>) => setFilter({ ...filter, ...change });

  return (
    <section class="panel" aria-labelledby="board-title">
      <h2 id="board-title">Connections</h2>
      <form
        class="controls"
        aria-label="Filter and sort the connections"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Platform
          <select
            name="platform"
            value={filter.platform}
            onChange={(e) => update({ platform: e.currentTarget.value })}
          >
            <option value="">All platforms</option>
            {choices.platforms.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Agency
          <select
            name="agency"
            value={filter.agency}
            onChange={(e) => update({ agency: e.currentTarget.value })}
          >
            <option value="">All agencies</option>
            {choices.agencies.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select
            name="state"
            value={filter.state}
            onChange={(e) => update({ state: e.currentTarget.value as ConnectionState | '' })}
          >
            <option value="">All states</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort
          <select
            name="sort"
            value={sort}
            onChange={(e) => setSort(e.currentTarget.value as SortKey)}
          >
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setFilter(NO_FILTER)} disabled={filter === NO_FILTER}>
          Clear filters
        </button>
        {filter.agency !== '' && (
          <a class="button-link" href={agencyHref(filter.agency)}>
            Open agency {filter.agency}
          </a>
        )}
      </form>
      <p class="summary" aria-live="polite">
        {shown.length} of {connections.length} connections:{' '}
        {STATES.filter((s) => counts[s] > 0).map((s) => (
          <span key={s} class="summary-item">
            {counts[s]} <StateBadge state={s} />
          </span>
        ))}
      </p>
      {shown.length === 0 ? (
        <p class="muted">No connection matches these filters.</p>
      ) : (
        <ul class="tiles" aria-label="Connections, in the chosen order">
          {shown.map((c) => (
            <ConnectionTile
              key={`${c.platform} ${c.consumer} ${c.provider}`}
              connection={c}
              nowMs={nowMs}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
