import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

/** The repository root, from bench/ (ts-node) or dist/bench/ (compiled). */
export const REPO_ROOT =
  path.basename(path.dirname(__dirname)) === 'dist'
    ? path.join(__dirname, '..', '..')
    : path.join(__dirname, '..');

const SOURCE = path.join(REPO_ROOT, 'test', 'harness', 'kafka-mock', 'mock-broker.c');
const BINARY = path.join(REPO_ROOT, 'test', 'harness', 'kafka-mock', 'bin', 'mock-broker');

/** Builds librdkafka's mock cluster wrapper when the binary is missing or older than its source. */
function buildMockBroker(): void {
  if (
    existsSync(BINARY) &&
    (!existsSync(SOURCE) || statSync(BINARY).mtimeMs >= statSync(SOURCE).mtimeMs)
  ) {
    return;
  }
  mkdirSync(path.dirname(BINARY), { recursive: true });
  execFileSync('cc', ['-O2', '-Wall', '-o', BINARY, SOURCE, '-lrdkafka'], { stdio: 'pipe' });
}

/** A running librdkafka mock cluster (a child process on loopback), driven over stdin. */
export class MockBroker {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterableIterator<string>,
    readonly brokers: string[],
  ) {}

  static async start(brokerCount = 1): Promise<MockBroker> {
    buildMockBroker();
    const child = spawn(BINARY, [String(brokerCount)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    const match = /^READY (.+)$/.exec(String(first.value ?? ''));
    if (!match?.[1]) throw new Error(`mock broker did not start: ${String(first.value)}`);
    return new MockBroker(child, lines, match[1].split(','));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  createTopic(name: string, partitions: number): Promise<void> {
    return this.command(`topic ${name} ${partitions} 1`);
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
