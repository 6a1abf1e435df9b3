import { formatClock } from '../format';

interface Props {
  grafanaUrl: string | null;
  updatedAtMs: number | null;
  paused: boolean;
  onPause: () => void;
  onRefresh: () => void;
  hasKey: boolean;
  onForgetKey: () => void;
  refreshSeconds: number;
}

export function Header(props: Props) {
  const { grafanaUrl, updatedAtMs, paused } = props;
  return (
    <header class="top">
      <h1>
        <a href="#/">DataShare Monitor</a> <span class="subtitle">operations console</span>
      </h1>
      <p class="refresh">
        {updatedAtMs === null ? 'Not loaded yet' : `Updated at ${formatClock(updatedAtMs)}`}
        {paused ? ' · live refresh paused' : ` · refreshes every ${props.refreshSeconds} s`}
      </p>
      <nav aria-label="Console">
        <button type="button" onClick={props.onPause} aria-pressed={paused}>
          {paused ? 'Resume live refresh' : 'Pause live refresh'}
        </button>
        <button type="button" onClick={props.onRefresh}>
          Refresh now
        </button>
        {props.hasKey && (
          <button type="button" onClick={props.onForgetKey}>
            Forget the API key
          </button>
        )}
        {grafanaUrl !== null && (
          <a class="button-link" href={grafanaUrl} target="_blank" rel="noopener noreferrer">
            Open Grafana<span class="visually-hidden"> (opens a new tab)</span>
          </a>
        )}
      </nav>
    </header>
  );
}
