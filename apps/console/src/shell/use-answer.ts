import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api/client';

export interface Answer<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * An API answer that is read again whenever `deps` change; the previous figures stay on screen
 * while the next answer loads, so a refresh never blanks a panel.
 */
export function useAnswer<T>(load: () => Promise<T>, deps: unknown[]): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    let cancelled = false;
    setAnswer((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => !cancelled && setAnswer({ data, error: null, loading: false }),
      (error: unknown) =>
        !cancelled &&
        setAnswer((previous) => ({
          data: previous.data,
          error: messageOf(error),
          loading: false,
        })),
    );
    return () => {
      cancelled = true;
    };
    // The caller names what the answer depends on, as with useEffect.
  }, deps);
  return answer;
}
