/**
 * The embedded ClickHouse engine behind ClickHouse's HTTP interface, in a process of its own.
 * It lets the bench run the built ingestor as it is deployed (Kafka + a ClickHouse server over
 * HTTP) and read the ingestor's own memory, which in-process the engine would swell. Only what
 * @clickhouse/client sends is understood: `query` and settings in the URL, `param_*` bindings,
 * the statement or the insert data in the body, GET /ping.
 *
 *   node dist/bench/clickhouse-http.js <data dir>   prints "LISTENING <port>" on 127.0.0.1
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { createClient } from '@clickhouse/client';
import type * as ChdbConnectionModule from 'chdb/connection';

// URL parameters that are not settings of the query.
const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'session_id', 'role']);

function main(dataDir: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof ChdbConnectionModule;
  const connection = createChdbConnection({ path: path.join(dataDir, 'clickhouse') });
  const client = createClient({
    connection: connection as unknown as NonNullable<
      Parameters<typeof createClient>[0]
    >['connection'],
  });
  const server = http.createServer((req, res) => {
    handle(client, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const given = (error as { code?: unknown }).code;
      const code = typeof given === 'string' && /^\d+$/.test(given) ? given : '1001';
      res.writeHead(500, { 'content-type': 'text/plain', 'x-clickhouse-exception-code': code });
      // As a server words it: the client reads the code and the type from this text.
      const type = (error as { type?: unknown }).type;
      const named = typeof type === 'string' && type !== '' ? ` (${type})` : '';
      const text = /^Code: \d+/.test(message)
        ? message
        : `Code: ${code}. DB::Exception: ${message}`;
      res.end(`${text}${named}`);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`,
    );
  });
  process.on('SIGTERM', () => server.close(() => void client.close().then(() => process.exit(0))));
}

async function handle(
  client: ReturnType<typeof createClient>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/ping') {
    res.end('Ok.\n');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const settings: Record<string, string> = {};
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params[key.slice('param_'.length)] = value;
    else if (!NOT_SETTINGS.has(key)) settings[key] = value;
  }
  const inUrl = url.searchParams.get('query');
  const result = await client.exec({
    query: inUrl ?? body,
    ...(inUrl === null ? {} : { values: body }),
    query_params: params,
    clickhouse_settings: settings,
  });
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  for await (const chunk of result.stream) res.write(chunk as Buffer);
  res.end();
}

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: node dist/bench/clickhouse-http.js <data dir>\n');
  process.exit(2);
}
main(dataDir);
