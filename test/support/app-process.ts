import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait-for';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'apps');

export function builtAppsUnavailableReason(): string | null {
  return existsSync(path.join(DIST, 'monitor', 'src', 'main.js'))
    ? null
    : 'the apps are not built: run npm run build';
}

/** A built app started as a user would: `node dist/apps/<name>/src/main.js` with an environment. */
export class AppProcess {
  private output = '';
  /** Its exit code, or the signal that ended it (a crash shows as SIGSEGV or SIGABRT). */
  readonly exited: Promise<number | NodeJS.Signals | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
  }

  static start(app: string, env: Record<string, string>): AppProcess {
    const child = spawn(process.execPath, [path.join(DIST, app, 'src', 'main.js')], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AppProcess(child);
  }

  get logs(): string {
    return this.output;
  }

  /** The URL it listens on, once it says so. */
  url(): Promise<string> {
    return waitFor(
      'the app to listen',
      () => {
        const match = /"url":"(http:\/\/[^"]+)","msg":"HTTP server listening"/.exec(this.output);
        if (this.child.exitCode !== null) throw new Error(`the app exited early:\n${this.output}`);
        return Promise.resolve(match?.[1]?.replace('[::1]', '127.0.0.1'));
      },
      60_000,
    );
  }

  kill(signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Runs the CLI's read-only `sql` command against a data directory; returns the rows. */
export async function sqlInDataDir<T>(dataDir: string, query: string): Promise<T[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(DIST, 'cli', 'src', 'main.js'), 'sql', query],
    {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

/** Runs `npm run simulate` (the built CLI) as a backfill; returns how many events it sent. */
export async function runSimulatorBackfill(args: string[]): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    path.join(DIST, 'simulator', 'src', 'main.js'),
    '--mode',
    'backfill',
    ...args,
  ]);
  const sent = /backfill done: (\d+) events sent/.exec(stdout)?.[1];
  if (sent === undefined)
    throw new Error(`the simulator did not report a finished backfill:\n${stdout}`);
  return Number(sent);
}

/** The UTC date (YYYY-MM-DD) of `days` days ago. */
export function utcDateDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
