import { useEffect, useState } from 'preact/hooks';
import type { ConnectionKey } from '../api/wire';

/** What the page shows: the board, or a drill-down, named in the URL's hash so it can be shared. */
export type Route =
  | { view: 'board' }
  | { view: 'connection'; connection: ConnectionKey }
  | { view: 'agency'; code: string };

export function connectionHref(c: ConnectionKey): string {
  return `#/connection/${[c.platform, c.consumer, c.provider].map(encodeURIComponent).join('/')}`;
}

export function agencyHref(code: string): string {
  return `#/agency/${encodeURIComponent(code)}`;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(safeDecode);
  if (parts[0] === 'connection' && parts.length === 4) {
    const [, platform = '', consumer = '', provider = ''] = parts;
    return { view: 'connection', connection: { platform, consumer, provider } };
  }
  if (parts[0] === 'agency' && parts.length === 2 && parts[1]) {
    return { view: 'agency', code: parts[1] };
  }
  return { view: 'board' };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
