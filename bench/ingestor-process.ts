import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as readline from 'node:readline';
import type { Admin } from 'kafkajs';
import { sleep } from '@datashare/clock';
import { REPO_ROOT } from '@datashare/kafka-mock';

export interface IngestorProcessResult {
  /** From the consumer joining its group to every offset committed. */
  sustainedMs: number;
  joinMs: number;
  /** The ingestor process's peak resident set (VmHWM), engine not included. */
  peakRssBytes: number;
}

/**
 * The built ingestor (`dist/apps/ingestor/src/main.js`), started as it is deployed: Kafka, and
 * ClickHouse over HTTP, here the embedded engine in a process of its own behind its HTTP front
 * (bench/clickhouse-http.ts). What it measures is the ingestor's own memory and throughput.
 */
export async function runIngestorProcess(options: {
  brokers: string[];
  admin: Admin;
  topic: string;
  expected: number;
  groupId: string;
  database: string;
  timeoutMs: number;
}): Promise<IngestorProcessResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'datashare-bench-server-'));
  const server = spawn(process.execPath, [path.join(__dirname, 'clickhouse-http.js'), dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let ingestor: ChildProcess | null = null;
  try {
    const port = await firstLine(server, /^LISTENING (\d+)$/);
    const started = performance.now();
    let joinedAt = 0;
    ingestor = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'dist', 'apps', 'ingestor', 'src', 'main.js')],
      {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          LOG_LEVEL: 'info',
          KAFKA_BROKERS: options.brokers.join(','),
          KAFKA_TOPIC: options.topic,
          KAFKA_GROUP_ID: options.groupId,
          KAFKA_FETCH_MAX_WAIT_MS: '100',
          CLICKHOUSE_URL: `http://127.0.0.1:${port}`,
          CLICKHOUSE_DATABASE: options.database,
          SUBJECT_HMAC_KEY: 'bench-key-bench-key-bench-key-bench-key!',
          PORT: '0',
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const child = ingestor;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!joinedAt && line.includes('"msg":"joined the consumer group"'))
        joinedAt = performance.now();
    });
    const deadline = started + options.timeoutMs;
    while ((await committed(options.admin, options.groupId, options.topic)) < options.expected) {
      if (performance.now() > deadline)
        throw new Error('ingestor process: offsets not committed in time');
      if (child.exitCode !== null) throw new Error(`the ingestor exited with ${child.exitCode}`);
      await sleep(100);
    }
    const done = performance.now();
    const peakRssBytes = peakResidentBytes(child.pid ?? 0);
    return {
      sustainedMs: done - (joinedAt || started),
      joinMs: (joinedAt || started) - started,
      peakRssBytes,
    };
  } finally {
    await stop(ingestor);
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** VmHWM: the kernel's record of the highest resident set the process reached. */
function peakResidentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb) * 1024;
}

async function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = await lines.next();
  const line: string = next.done === true ? '' : next.value;
  const match = pattern.exec(line);
  if (!match?.[1]) throw new Error(`unexpected first line: ${line}`);
  return match[1];
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
