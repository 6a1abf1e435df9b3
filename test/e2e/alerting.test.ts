import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import {
  AppProcess,
  LoopbackServer,
  WebhookReceiver,
  binariesUnavailableReason,
  builtAppsUnavailableReason,
  describeIf,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(12 * 60_000);

const ROOT = path.join(__dirname, '..', '..');
const BROKEN = { platform: 'NDXP', consumer: 'VPCP.DVCQG', provider: 'MPS.NPD' };

/**
 * Prometheus as deploy/prometheus/prometheus.yml sets it up, for the embedded monitor on
 * loopback: the real rule files and external labels, a 1 s scrape and evaluation so that the
 * test waits for the rules' own `for` and `keep_firing_for`, not for the intervals. The monitor
 * ingests as well, so it is scraped as the ingestor job too (the embedded deployment has no
 * separate ingestors).
 */
function prometheusConfig(monitor: string, alertmanager: string): string {
  const production = YAML.parse(
    readFileSync(path.join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8'),
  ) as { global: { external_labels: Record<string, string> }; alerting: Record<string, unknown> };
  const rules = path.join(ROOT, 'deploy/prometheus/rules');
  return YAML.stringify({
    global: {
      scrape_interval: '1s',
      evaluation_interval: '1s',
      external_labels: production.global.external_labels,
    },
    rule_files: readdirSync(rules).map((file) => path.join(rules, file)),
    alerting: {
      ...production.alerting,
      alertmanagers: [{ static_configs: [{ targets: [new URL(alertmanager).host] }] }],
    },
    scrape_configs: ['datashare', 'datashare-ingestor'].map((job) => ({
      job_name: job,
      static_configs: [{ targets: [new URL(monitor).host] }],
    })),
  });
}

/** deploy/alertmanager/alertmanager.yml with its receivers pointed at the test's webhook. */
function alertmanagerConfig(webhook: string): string {
  const config = YAML.parse(
    readFileSync(path.join(ROOT, 'deploy/alertmanager/alertmanager.yml'), 'utf8'),
  ) as {
    route: Record<string, unknown>;
    receivers: { name: string; webhook_configs?: { url: string }[] }[];
  };
  // Notify at once and at every change, instead of the production batching of 30 s and more.
  Object.assign(config.route, { group_wait: '1s', group_interval: '1s' });
  for (const receiver of config.receivers) {
    for (const hook of receiver.webhook_configs ?? []) hook.url = `${webhook}/${receiver.name}`;
  }
  return YAML.stringify(config);
}

describeIf(
  builtAppsUnavailableReason() ??
    binariesUnavailableReason('prometheus', 'prometheus-alertmanager'),
)('an alert on a broken connection, end to end', () => {
  let dataDir: string;
  let monitor: AppProcess;
  let prometheus: LoopbackServer;
  let alertmanager: LoopbackServer;
  let webhook: WebhookReceiver;

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await webhook?.stop();
    if (monitor) expect(await monitor.kill('SIGTERM')).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('pages for exactly the broken connection, and resolves when it recovers', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-alerting-'));
    // A one-minute window and a low volume floor for the connection under test, so that its
    // outage is judged within seconds whatever the hour (the simulated traffic follows the day).
    const thresholds = path.join(dataDir, 'health.json');
    writeFileSync(
      thresholds,
      JSON.stringify({ connections: [{ ...BROKEN, windowMs: 60_000, minVolume: 5 }] }),
    );
    const outageFrom = new Date(Date.now() + 45_000);
    const outageTo = new Date(outageFrom.getTime() + 105_000);
    monitor = AppProcess.start('monitor', {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SUBJECT_HMAC_KEY: 'e2e-alerting-key-of-at-least-32-characters',
      BATCH_MAX_WAIT_MS: '200',
      SIMULATE_PEAK_EVENTS_PER_SECOND: '300',
      SIMULATE_INCIDENTS:
        `outage:platform=${BROKEN.platform},consumer=${BROKEN.consumer},provider=${BROKEN.provider},` +
        `from=${outageFrom.toISOString()},to=${outageTo.toISOString()}`,
      HEALTH_EVALUATION_INTERVAL_MS: '1000',
      HEALTH_THRESHOLDS_FILE: thresholds,
    });
    const monitorUrl = await monitor.url();
    webhook = await WebhookReceiver.start();
    alertmanager = await LoopbackServer.alertmanager(alertmanagerConfig(webhook.url));
    prometheus = await LoopbackServer.prometheus(prometheusConfig(monitorUrl, alertmanager.url));

    const down = (status: 'firing' | 'resolved') =>
      webhook.alerts.filter(
        (a) => a.labels.alertname === 'DatashareConnectionDown' && a.status === status,
      );
    const fired = await waitFor(
      'the down alert at the webhook',
      () => Promise.resolve(down('firing').length > 0 ? down('firing') : undefined),
      5 * 60_000,
    );
    expect(fired[0]?.labels).toEqual(
      expect.objectContaining({
        ...BROKEN,
        severity: 'critical',
        agency: 'VPCP',
        provider_agency: 'MPS',
      }),
    );
    expect(fired[0]?.annotations.summary).toContain(
      `${BROKEN.consumer} → ${BROKEN.provider} is down`,
    );
    // Routed as a page to the national on-call and, the provider being MPS, to MPS as well. The
    // two routes notify independently: the second may arrive a moment after the first.
    const receivers = await waitFor(
      'the page to reach both receivers',
      () => {
        const notified = new Set(down('firing').map((a) => a.receiver));
        return Promise.resolve(notified.size >= 2 ? notified : undefined);
      },
      60_000,
    );
    expect(receivers).toEqual(new Set(['oncall-pager', 'mps-pager']));

    await waitFor(
      'the down alert to resolve',
      () => Promise.resolve(down('resolved').length > 0 ? true : undefined),
      6 * 60_000,
    );
    // Exactly that connection, from start to end: no other connection was ever reported down.
    const connections = new Set(
      webhook.alerts
        .filter((a) => a.labels.alertname === 'DatashareConnectionDown')
        .map((a) => `${a.labels.platform} ${a.labels.consumer} ${a.labels.provider}`),
    );
    expect([...connections]).toEqual([`${BROKEN.platform} ${BROKEN.consumer} ${BROKEN.provider}`]);
  });
});
