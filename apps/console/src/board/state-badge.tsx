import type { ConnectionState } from '../api/wire';
import { STATE_MEANING, STATE_SYMBOL } from '../state';

/** A state as a word and a symbol on its colour: readable without colour, and by a screen reader. */
export function StateBadge({ state }: { state: ConnectionState }) {
  return (
    <span class={`badge state-${state}`} title={STATE_MEANING[state]}>
      <span aria-hidden="true">{STATE_SYMBOL[state]}</span> {state}
    </span>
  );
}
