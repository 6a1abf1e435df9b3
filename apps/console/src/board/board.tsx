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
import { Choice } from '../controls/choice';
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
        <Choice
          label="Platform"
          name="platform"
          value={filter.platform}
          options={[{ key: '', label: 'All platforms' }, ...choices.platforms.map(asOption)]}
          onChange={(platform) => update({ platform })}
        />
        <Choice
          label="Agency"
          name="agency"
          value={filter.agency}
          options={[{ key: '', label: 'All agencies' }, ...choices.agencies.map(asOption)]}
          onChange={(agency) => update({ agency })}
        />
        <Choice<ConnectionState | ''>
          label="State"
          name="state"
          value={filter.state}
          options={[{ key: '', label: 'All states' }, ...STATES.map(asOption)]}
          onChange={(state) => update({ state })}
        />
        <Choice label="Sort" name="sort" value={sort} options={SORTS} onChange={setSort} />
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

/** A code that is its own label. */
const asOption = <K extends string>(key: K) => ({ key, label: key });
