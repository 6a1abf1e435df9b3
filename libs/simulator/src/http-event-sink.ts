import type { TransactionEventV1 } from '@datashare/contract';
import { chunksOf, type EventSink } from './event-sink';

export interface HttpEventSinkOptions {
  /** The monitor's base URL, e.g. http://127.0.0.1:3000; events go to <url>/api/v1/transactions. */
  baseUrl: string;
  /** An API key with the `ingest` role, sent as `Authorization: Bearer <key>`. */
  apiKey?: string | null;
  /** Events per request, at most 5,000. */
  chunkSize?: number;
  timeoutMs?: number;
  /** Injected for tests; the global fetch by default. */
  fetch?: typeof fetch;
}

export const MAX_HTTP_CHUNK = 5_000;
const MAX_ERROR_BODY_CHARS = 500;

/** POSTs events as NDJSON, one request per chunk, in order. */
export class HttpEventSink implements EventSink {
  readonly endpoint: string;
  private readonly chunkSize: number;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;

  constructor(options: HttpEventSinkOptions) {
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/transactions`;
    this.chunkSize = Math.min(MAX_HTTP_CHUNK, Math.max(1, options.chunkSize ?? MAX_HTTP_CHUNK));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchFn = options.fetch ?? fetch;
    this.headers = {
      'content-type': 'application/x-ndjson',
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    };
  }

  async send(events: readonly TransactionEventV1[]): Promise<void> {
    for (const chunk of chunksOf(events, this.chunkSize)) {
      const body = chunk.map((event) => JSON.stringify(event)).join('\n') + '\n';
      const response = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: this.headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        const text = (await response.text()).slice(0, MAX_ERROR_BODY_CHARS);
        throw new Error(
          `POST ${this.endpoint} answered ${response.status}: ${text}${hintFor(response.status)}`,
        );
      }
      refusalOf(chunk.length, await response.text());
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function hintFor(status: number): string {
  if (status === 401)
    return ' (give an API key with the ingest role: SIMULATOR_API_KEY or --api-key)';
  if (status === 403) return ' (the API key needs the ingest role)';
  return '';
}

/**
 * The monitor answers 200 with the items it refused (for example events older than its
 * retention). Simulated events are all valid, so a refusal means the run is misdirected:
 * it stops the run with the monitor's reason instead of passing unnoticed.
 */
function refusalOf(sent: number, body: string): void {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return;
  }
  const rejected = (answer as { rejected?: { code?: string; reason?: string }[] } | null)?.rejected;
  if (!Array.isArray(rejected) || rejected.length === 0) return;
  const [first] = rejected;
  throw new Error(
    `the monitor refused ${rejected.length} of ${sent} events, e.g. ${first?.code ?? '?'}: ${first?.reason ?? ''}`,
  );
}
