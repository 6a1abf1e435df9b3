import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

/**
 * librdkafka's mock cluster (Debian librdkafka-dev) as a Kafka-protocol broker for the tests and
 * benchmarks of machines without a Docker engine. Facts about it: it serves produce, fetch,
 * consumer groups and offset commits, not CreateTopics (topics are created through it); an empty
 * fetch waits the full maxWaitTimeInMs; it keeps at most 5 MiB per partition and silently drops
 * the oldest; a group join takes about 3 s.
 */

/** The repository root, from libs/kafka-mock/src (sources) or dist/libs/kafka-mock/src (built). */
export const REPO_ROOT = findUp(__dirname, 'package.json');

const SOURCE = path.join(REPO_ROOT, 'libs', 'kafka-mock', 'mock-broker.c');
const BINARY = path.join(REPO_ROOT, 'libs', 'kafka-mock', 'bin', 'mock-broker');
const HEADER = '/usr/include/librdkafka/rdkafka_mock.h';

/** Builds the broker if its binary is missing or older than its source; returns why it cannot. */
export function buildMockBroker(): string | null {
  if (!existsSync(HEADER)) return `no ${HEADER}: install Debian's librdkafka-dev`;
  if (existsSync(BINARY) && statSync(BINARY).mtimeMs >= statSync(SOURCE).mtimeMs) return null;
  mkdirSync(path.dirname(BINARY), { recursive: true });
  try {
    execFileSync('cc', ['-O2', '-Wall', '-o', BINARY, SOURCE, '-lrdkafka'], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `could not build the mock broker: ${(error as Error).message}`;
  }
}

export function mockBrokerBuilt(): boolean {
  return existsSync(BINARY);
}

/** A running mock cluster, a child process on loopback, driven over its stdin. */
export class MockKafka {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterableIterator<string>,
    readonly brokers: string[],
  ) {}

  static async start(brokerCount = 1): Promise<MockKafka> {
    const unavailable = buildMockBroker();
    if (unavailable) throw new Error(unavailable);
    const child = spawn(BINARY, [String(brokerCount)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    const match = /^READY (.+)$/.exec(String(first.value ?? ''));
    if (!match?.[1]) throw new Error(`mock broker did not start: ${String(first.value)}`);
    return new MockKafka(child, lines, match[1].split(','));
  }

  /** The broker's process, for reading what it costs. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  createTopic(name: string, partitions: number): Promise<void> {
    return this.command(`topic ${name} ${partitions} 1`);
  }

  brokerDown(id: number): Promise<void> {
    return this.command(`down ${id}`);
  }

  brokerUp(id: number): Promise<void> {
    return this.command(`up ${id}`);
  }

  /** Fails the next `count` requests of a Kafka API (by key) with a protocol error code. */
  failRequests(apiKey: number, errorCode: number, count: number): Promise<void> {
    return this.command(`errors ${apiKey} ${errorCode} ${count}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end('quit\n');
    await exited;
  }

  private async command(line: string): Promise<void> {
    this.child.stdin.write(`${line}\n`);
    const answer = await this.lines.next();
    if (answer.value !== 'OK') throw new Error(`mock broker: '${line}' -> ${String(answer.value)}`);
  }
}

function findUp(from: string, file: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, file))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no ${file} above ${from}`);
  }
}
