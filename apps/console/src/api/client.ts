const KEY_STORAGE = 'datashare.console.apiKey';

/** The API refused the key (401): the page asks for one again, with this message. */
export class KeyRefused extends Error {
  override readonly name = 'KeyRefused';
}

/** Any other answer that is not 200, with the API's own message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The event the page listens to for a refused key (401) or a key without the role (403). */
export const KEY_REFUSED = 'console:key-refused';
export interface KeyProblem {
  status: number;
  message: string;
  /** The key the refused request carried (null: none), so that a late answer to a request sent
   *  with an older key does not discard a newer one. */
  sentKey: string | null;
}

export type Params = Record<string, string | undefined>;

/** The key is kept for the browser tab's session only, never in localStorage. */
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string): void => sessionStorage.setItem(KEY_STORAGE, key),
  clear: (): void => sessionStorage.removeItem(KEY_STORAGE),
};

export function apiPath(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** GET a JSON answer of the monitor's API, with the session's key as a Bearer token. */
export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const key = apiKey.get();
  const response = await fetch(apiPath(path, params), {
    headers: {
      Accept: 'application/json',
      ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
    },
  });
  if (response.ok) return (await response.json()) as T;
  const message = await errorMessage(response);
  if (response.status === 401 || response.status === 403) {
    // Whichever panel asked, the page as a whole asks for another key.
    dispatchEvent(
      new CustomEvent<KeyProblem>(KEY_REFUSED, {
        detail: { status: response.status, message, sentKey: key },
      }),
    );
  }
  if (response.status === 401) throw new KeyRefused(message);
  throw new ApiError(response.status, message);
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (Array.isArray(body.message)) return body.message.join('; ');
  } catch {
    // not JSON: fall through to the status line
  }
  return `${response.status} ${response.statusText}`.trim();
}

/** What went wrong, in words, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}
