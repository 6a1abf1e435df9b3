import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { waitFor } from './wait-for';

/** An alert as POST /api/v2/alerts takes it. */
export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/** An alert as GET /api/v2/alerts answers it (the fields the tests read). */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  fingerprint: string;
  receivers: { name: string }[];
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[] };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real Alertmanager on a loopback port with a given configuration, clustering off, its state
 * in a temporary folder: alerts are posted to it and its verdicts (inhibited or not) read back.
 */
export class AlertmanagerProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly storage: string,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(binary: string, configFile: string): Promise<AlertmanagerProcess> {
    const port = await freePort();
    const storage = mkdtempSync(path.join(tmpdir(), 'datashare-alertmanager-'));
    const child = spawn(
      binary,
      [
        `--config.file=${configFile}`,
        `--storage.path=${storage}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const alertmanager = new AlertmanagerProcess(child, storage, `http://127.0.0.1:${port}`);
    await waitFor(
      `Alertmanager on ${alertmanager.url}`,
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`exited with ${child.exitCode}: ${alertmanager.output}`);
        }
        const response = await fetch(`${alertmanager.url}/-/ready`);
        return response.ok ? true : undefined;
      },
      15_000,
    );
    return alertmanager;
  }

  get logs(): string {
    return this.output;
  }

  async post(alerts: readonly PostedAlert[]): Promise<void> {
    const startsAt = new Date().toISOString();
    const response = await fetch(`${this.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts.map((alert) => ({ annotations: {}, startsAt, ...alert }))),
    });
    if (!response.ok) throw new Error(`POST /api/v2/alerts: ${response.status}`);
  }

  async alerts(): Promise<AlertmanagerAlert[]> {
    const response = await fetch(`${this.url}/api/v2/alerts`);
    if (!response.ok) throw new Error(`GET /api/v2/alerts: ${response.status}`);
    return (await response.json()) as AlertmanagerAlert[];
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.storage, { recursive: true, force: true });
  }
}
