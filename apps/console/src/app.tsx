import { useEffect, useState } from 'preact/hooks';
import { KEY_REFUSED, type KeyProblem, apiKey } from './api/client';
import { Board } from './board/board';
import { connectionId } from './board/board-model';
import { AgencyDrill } from './drill/agency-drill';
import { ConnectionDrill } from './drill/connection-drill';
import { GrowthPanel } from './growth/growth-panel';
import { Header } from './shell/header';
import { KeyPrompt } from './shell/key-prompt';
import { REFRESH_MS, useLiveConnections } from './shell/live';
import { useRoute } from './shell/route';

/** How often the slower panels (growth, volume) are read again: every sixth refresh. */
const SLOW_EVERY = 6;

export function App({ grafanaUrl }: { grafanaUrl: string | null }) {
  const [keyMessage, setKeyMessage] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const live = useLiveConnections(paused, keyMessage === null);
  const route = useRoute();
  const [nowMs, setNowMs] = useState(Date.now());
  const [ticks, setTicks] = useState(0);

  useEffect(() => {
    const onRefused = (event: Event) => {
      const { status, message, sentKey } = (event as CustomEvent<KeyProblem>).detail;
      if (sentKey !== apiKey.get()) return;
      apiKey.clear();
      setKeyMessage(
        status === 403
          ? `This key may not read the console's figures (403: ${message}). Enter a key with the viewer role.`
          : sentKey !== null
            ? `The monitor refused the key (401: ${message}). Enter another.`
            : 'This monitor asks for an API key.',
      );
    };
    addEventListener(KEY_REFUSED, onRefused);
    return () => removeEventListener(KEY_REFUSED, onRefused);
  }, []);

  useEffect(() => {
    setNowMs(Date.now());
    setTicks((t) => t + 1);
  }, [live.updatedAtMs]);

  useEffect(() => {
    const title =
      route.view === 'board'
        ? 'Board'
        : route.view === 'agency'
          ? `Agency ${route.code}`
          : 'Connection';
    document.title = `${title} · DataShare Monitor`;
  }, [route]);

  const onKey = (key: string) => {
    apiKey.set(key);
    setKeyMessage(null);
    live.refreshNow();
  };
  const connections = live.list?.connections ?? [];
  const slowKey = Math.floor(ticks / SLOW_EVERY);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the content
      </a>
      <Header
        grafanaUrl={grafanaUrl}
        updatedAtMs={live.updatedAtMs}
        paused={paused}
        onPause={() => setPaused(!paused)}
        onRefresh={live.refreshNow}
        hasKey={apiKey.get() !== null}
        onForgetKey={() => {
          apiKey.clear();
          setKeyMessage('The key was forgotten. Enter a key to go on.');
        }}
        refreshSeconds={REFRESH_MS / 1000}
      />
      <main id="main" tabIndex={-1}>
        {keyMessage !== null ? (
          <KeyPrompt message={keyMessage} onKey={onKey} />
        ) : (
          <>
            {live.error !== null && (
              <p role="alert" class="error">
                Could not refresh the connections: {live.error}
              </p>
            )}
            {route.view === 'board' && (
              <>
                {live.list === null ? (
                  <p class="muted">Loading the connections…</p>
                ) : (
                  <Board connections={connections} nowMs={nowMs} />
                )}
                <GrowthPanel refreshKey={slowKey} />
              </>
            )}
            {route.view === 'connection' && (
              <ConnectionDrill
                connectionKey={route.connection}
                connection={connections.find(
                  (c) => connectionId(c) === connectionId(route.connection),
                )}
                refreshKey={ticks}
                nowMs={nowMs}
              />
            )}
            {route.view === 'agency' && (
              <AgencyDrill code={route.code} refreshKey={ticks} nowMs={nowMs} />
            )}
          </>
        )}
      </main>
    </>
  );
}
