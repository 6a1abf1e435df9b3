import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { waitFor } from './wait-for';

/** A free TCP port on loopback (the OS picks it; a tiny race before the child binds it). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Prometheus-family server (Debian's binaries) run for a test on loopback. */
export class LoopbackServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly dir: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  get logs(): string {
    return this.output;
  }

  /** Prometheus with this configuration (rule paths in it may be absolute). */
  static async prometheus(config: string): Promise<LoopbackServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'datashare-prometheus-'));
    const port = await freeLoopbackPort();
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return LoopbackServer.ready(new LoopbackServer(child, `http://127.0.0.1:${port}`, dir));
  }

  /** Alertmanager (Debian names it prometheus-alertmanager), without clustering. */
  static async alertmanager(config: string): Promise<LoopbackServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'datashare-alertmanager-'));
    const port = await freeLoopbackPort();
    writeFileSync(path.join(dir, 'alertmanager.yml'), config);
    const child = spawn(
      'prometheus-alertmanager',
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return LoopbackServer.ready(new LoopbackServer(child, `http://127.0.0.1:${port}`, dir));
  }

  private static async ready(server: LoopbackServer): Promise<LoopbackServer> {
    await waitFor(
      `${server.url} to be ready`,
      async () => {
        if (server.child.exitCode !== null) throw new Error(`exited early:\n${server.logs}`);
        const response = await fetch(`${server.url}/-/ready`).catch(() => null);
        return response?.ok ? true : undefined;
      },
      30_000,
    );
    return server;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Collects what Alertmanager posts to a webhook receiver. */
export class WebhookReceiver {
  readonly alerts: (WebhookAlert & { receiver: string })[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const payload = JSON.parse(body) as { receiver: string; alerts: WebhookAlert[] };
        for (const alert of payload.alerts) {
          receiver?.alerts.push({ ...alert, receiver: payload.receiver });
        }
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/alerts`);
    return receiver;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
