import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

const SOURCE = path.join(__dirname, '..', 'harness', 'kafka-mock', 'mock-broker.c');
const BINARY = path.join(__dirname, '..', 'harness', 'kafka-mock', 'bin', 'mock-broker');
const HEADER = '/usr/include/librdkafka/rdkafka_mock.h';

/** Builds the mock broker if needed; returns why it cannot run here, or null when it can. */
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

export function mockBrokerUnavailableReason(): string | null {
  return existsSync(BINARY)
    ? null
    : (process.env.DATASHARE_TEST_KAFKA_UNAVAILABLE ?? 'mock broker not built');
}

/** A running librdkafka mock cluster, controlled as the tests need. */
export class MockKafka {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterableIterator<string>,
    readonly brokers: string[],
  ) {}

  static async start(brokerCount = 1): Promise<MockKafka> {
    const child = spawn(BINARY, [String(brokerCount)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    const match = /^READY (.+)$/.exec(String(first.value ?? ''));
    if (!match?.[1]) throw new Error(`mock broker did not start: ${String(first.value)}`);
    return new MockKafka(child, lines, match[1].split(','));
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
