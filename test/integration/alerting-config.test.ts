import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  AlertmanagerProcess,
  type AlertmanagerAlert,
  type PostedAlert,
  type ToolRun,
  alertRuleCases,
  alertingRules,
  alertmanagerBinary,
  alertnamesIn,
  binariesUnavailableReason,
  describeIf,
  filesIn,
  kebabCase,
  repoFileExists,
  runTool,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(120_000);

const RULES = 'deploy/prometheus/rules';
const TESTS = 'deploy/prometheus/tests';
const PROMETHEUS_CONFIG = 'deploy/prometheus/prometheus.yml';
const ALERTMANAGER_CONFIG = 'deploy/alertmanager/alertmanager.yml';
const RUNBOOKS = 'docs/runbooks';
const DASHBOARD_UIDS = [
  'datashare-overview',
  'datashare-connection',
  'datashare-pipeline',
  'datashare-growth',
];

/** A tool's run as the assertion sees it: on failure Jest prints the command and its output. */
function succeeded(run: ToolRun): ToolRun {
  expect(run).toEqual({ command: run.command, status: 0, output: run.output });
  return run;
}

describe('alert rules, as written', () => {
  const rules = alertingRules(RULES);
  const names = [...new Set(rules.map((rule) => rule.alert))].sort();

  test('there are rules', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  test.each(names)('%s has a severity, a summary, a description and links', (name) => {
    for (const rule of rules.filter((r) => r.alert === name)) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary?.trim()).toBeTruthy();
      expect(rule.annotations.description?.trim()).toBeTruthy();
      expect(rule.annotations.runbook_url).toBe(
        `{{ $externalLabels.runbook_base_url }}/${kebabCase(name)}.md`,
      );
      const dashboard = /\{\{ \$externalLabels\.grafana_url \}\}\/d\/([a-z-]+)/.exec(
        rule.annotations.dashboard_url ?? '',
      );
      expect(DASHBOARD_UIDS).toContain(dashboard?.[1]);
    }
  });

  test.each(names)('%s has a runbook, listed in the runbooks index', (name) => {
    const runbook = `${RUNBOOKS}/${kebabCase(name)}.md`;
    expect(repoFileExists(runbook)).toBe(true);
    const index = readFileSync(path.join(__dirname, '..', '..', RUNBOOKS, 'README.md'), 'utf8');
    expect(index).toContain(`(${kebabCase(name)}.md)`);
  });

  test.each(names)('%s is tested firing and staying quiet', (name) => {
    const cases = alertRuleCases(TESTS).filter((c) => c.alertname === name);
    expect(cases.filter((c) => c.firing > 0).length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.firing === 0).length).toBeGreaterThan(0);
  });

  test('connection alerts carry the connection and its agencies', () => {
    for (const rule of rules.filter((r) => r.alert.startsWith('DatashareConnection'))) {
      expect(rule.expr).toMatch(/(by|on) \(platform, consumer, provider\)/);
      expect(rule.expr).toContain('"agency", "$1", "consumer", "([^.]+).*"');
      expect(rule.expr).toContain('"provider_agency", "$1", "provider", "([^.]+).*"');
    }
  });

  test('the inhibit rules of Alertmanager name alerts that exist', () => {
    const config = parse(
      readFileSync(path.join(__dirname, '..', '..', ALERTMANAGER_CONFIG), 'utf8'),
    ) as {
      inhibit_rules: { source_matchers: string[]; target_matchers: string[] }[];
    };
    const referenced = config.inhibit_rules.flatMap((rule) => [
      ...alertnamesIn(rule.source_matchers),
      ...alertnamesIn(rule.target_matchers),
    ]);
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(names).toContain(name);
  });
});

describeIf(binariesUnavailableReason('promtool'))('promtool', () => {
  test('check rules: every rule file is valid', () => {
    const run = succeeded(runTool('promtool', ['check', 'rules', ...filesIn(RULES, '.yml')]));
    expect(run.output).not.toContain('FAILED');
  });

  test('test rules: every unit test of the rules passes', () => {
    const run = succeeded(runTool('promtool', ['test', 'rules', ...filesIn(TESTS, '.yml')]));
    expect(run.output).not.toContain('FAILED');
  });

  test('check config: the compose stack configuration and the rules it loads', () => {
    const run = succeeded(runTool('promtool', ['check', 'config', PROMETHEUS_CONFIG]));
    // rule_files resolved against the configuration's directory: every rule file was read.
    for (const file of filesIn(RULES, '.yml')) expect(run.output).toContain(file);
  });
});

describeIf(binariesUnavailableReason('amtool'))('amtool', () => {
  test('check-config: the Alertmanager configuration is valid', () => {
    succeeded(runTool('amtool', ['check-config', ALERTMANAGER_CONFIG]));
  });

  // labels of an alert → the receivers it reaches, in order
  const routes: [string, string[], string][] = [
    [
      'a critical MPS connection alert pages the MPS on-call and the national on-call',
      [
        'alertname=DatashareConnectionDown',
        'severity=critical',
        'agency=MPS',
        'provider_agency=MOJ',
      ],
      'mps-pager,oncall-pager',
    ],
    [
      'a critical alert on a connection to an MPS system (the population database) does too',
      [
        'alertname=DatashareConnectionErrorBudgetBurn',
        'severity=critical',
        'agency=PROV-HNI',
        'provider_agency=MPS',
        'provider=MPS.NPD',
      ],
      'mps-pager,oncall-pager',
    ],
    [
      'a connection from and to MPS pages the MPS on-call once',
      [
        'alertname=DatashareConnectionDown',
        'severity=critical',
        'agency=MPS',
        'provider_agency=MPS',
      ],
      'mps-pager,oncall-pager',
    ],
    [
      'a critical alert of another agency pages the national on-call only',
      [
        'alertname=DatashareConnectionDown',
        'severity=critical',
        'agency=GDT',
        'provider_agency=MOJ',
      ],
      'oncall-pager',
    ],
    [
      'a critical pipeline alert (no agency) pages the national on-call',
      ['alertname=DatashareIngestionStalled', 'severity=critical'],
      'oncall-pager',
    ],
    [
      'a warning on an MPS connection opens a ticket',
      [
        'alertname=DatashareConnectionDegraded',
        'severity=warning',
        'agency=MPS',
        'provider_agency=MPS',
      ],
      'tickets',
    ],
    [
      'a pipeline warning opens a ticket',
      [
        'alertname=DatashareKafkaConsumerLagHigh',
        'severity=warning',
        'topic=datasharing.transactions.v1',
      ],
      'tickets',
    ],
    ['an alert without a severity falls back to tickets', ['alertname=Unexpected'], 'tickets'],
  ];

  test.each(routes)('routes: %s', (_, labels, receivers) => {
    const run = succeeded(
      runTool('amtool', [
        'config',
        'routes',
        'test',
        `--config.file=${ALERTMANAGER_CONFIG}`,
        `--verify.receivers=${receivers}`,
        ...labels,
      ]),
    );
    expect(run.output.split('\n')).toContain(receivers);
  });
});

const alertmanager = alertmanagerBinary();

describeIf(alertmanager === null ? 'prometheus-alertmanager not installed' : null)(
  'Alertmanager inhibitions (a real Alertmanager with the configuration)',
  () => {
    let server: AlertmanagerProcess;

    const connection = (
      deployment: string,
      alertname: string,
      severity: string,
      consumer: string,
      provider = 'MPS.NPD',
    ): PostedAlert => ({
      labels: {
        alertname,
        severity,
        deployment,
        platform: 'NDXP',
        consumer,
        provider,
        agency: consumer.split('.')[0] ?? consumer,
        provider_agency: provider.split('.')[0] ?? provider,
      },
    });
    const pipeline = (deployment: string, alertname: string, severity: string): PostedAlert => ({
      labels: { alertname, severity, deployment },
    });

    const posted: PostedAlert[] = [
      // stalled: every connection alert of the deployment is held back
      pipeline('stalled', 'DatashareIngestionStalled', 'critical'),
      connection('stalled', 'DatashareConnectionDown', 'critical', 'GDT.TAX'),
      connection('stalled', 'DatashareConnectionDegraded', 'warning', 'PROV-HNI.PORTAL'),
      connection('stalled', 'DatashareConnectionErrorBudgetBurn', 'critical', 'MPS.VNEID'),
      connection('stalled', 'DatashareKafkaConsumerLagHigh', 'warning', 'GDT.TAX'),
      // the monitor is not scraped
      pipeline('blind', 'DatashareMonitorNotScraped', 'critical'),
      connection('blind', 'DatashareConnectionDown', 'critical', 'GDT.TAX'),
      // down holds back degraded and burn of the same connection only
      connection('down', 'DatashareConnectionDown', 'critical', 'GDT.TAX'),
      connection('down', 'DatashareConnectionDegraded', 'warning', 'GDT.TAX'),
      connection('down', 'DatashareConnectionErrorBudgetBurn', 'critical', 'GDT.TAX'),
      connection('down', 'DatashareConnectionDegraded', 'warning', 'MOJ.CIVREG'),
      // the page holds back the ticket of the same connection
      connection('burn', 'DatashareConnectionErrorBudgetBurn', 'critical', 'GDT.TAX'),
      connection('burn', 'DatashareConnectionErrorBudgetBurn', 'warning', 'GDT.TAX'),
      connection('burn', 'DatashareConnectionErrorBudgetBurn', 'warning', 'MOJ.CIVREG'),
      // another deployment's stall holds back nothing here
      connection('elsewhere', 'DatashareConnectionDown', 'critical', 'GDT.TAX'),
    ];

    let alerts: AlertmanagerAlert[];
    const state = (deployment: string, alertname: string, severity: string, consumer?: string) => {
      const found = alerts.filter(
        (a) =>
          a.labels.deployment === deployment &&
          a.labels.alertname === alertname &&
          a.labels.severity === severity &&
          (consumer === undefined || a.labels.consumer === consumer),
      );
      expect(found).toHaveLength(1);
      return found[0]?.status.state;
    };

    beforeAll(async () => {
      server = await AlertmanagerProcess.start(alertmanager ?? '', ALERTMANAGER_CONFIG);
      await server.post(posted);
      // The inhibitor learns of source alerts asynchronously; wait until it has judged them.
      alerts = await waitFor('every posted alert, with the expected inhibitions', async () => {
        const current = await server.alerts();
        const suppressed = current.filter((a) => a.status.state === 'suppressed').length;
        return current.length === posted.length && suppressed === 8 ? current : undefined;
      });
    });

    afterAll(async () => {
      await server?.stop();
    });

    test('ingestion stalled: the connection alerts and the lag are inhibited', () => {
      expect(state('stalled', 'DatashareIngestionStalled', 'critical')).toBe('active');
      expect(state('stalled', 'DatashareConnectionDown', 'critical')).toBe('suppressed');
      expect(state('stalled', 'DatashareConnectionDegraded', 'warning')).toBe('suppressed');
      expect(state('stalled', 'DatashareConnectionErrorBudgetBurn', 'critical')).toBe('suppressed');
      expect(state('stalled', 'DatashareKafkaConsumerLagHigh', 'warning')).toBe('suppressed');
    });

    test('the monitor not scraped: connection alerts are inhibited', () => {
      expect(state('blind', 'DatashareMonitorNotScraped', 'critical')).toBe('active');
      expect(state('blind', 'DatashareConnectionDown', 'critical')).toBe('suppressed');
    });

    test('a connection down inhibits its own degraded and burn alerts, not another one', () => {
      expect(state('down', 'DatashareConnectionDown', 'critical')).toBe('active');
      expect(state('down', 'DatashareConnectionDegraded', 'warning', 'GDT.TAX')).toBe('suppressed');
      expect(state('down', 'DatashareConnectionErrorBudgetBurn', 'critical')).toBe('suppressed');
      expect(state('down', 'DatashareConnectionDegraded', 'warning', 'MOJ.CIVREG')).toBe('active');
    });

    test('a fast burn inhibits the slow burn of the same connection', () => {
      expect(state('burn', 'DatashareConnectionErrorBudgetBurn', 'critical')).toBe('active');
      expect(state('burn', 'DatashareConnectionErrorBudgetBurn', 'warning', 'GDT.TAX')).toBe(
        'suppressed',
      );
      expect(state('burn', 'DatashareConnectionErrorBudgetBurn', 'warning', 'MOJ.CIVREG')).toBe(
        'active',
      );
    });

    test('inhibitions stay within one deployment', () => {
      expect(state('elsewhere', 'DatashareConnectionDown', 'critical')).toBe('active');
    });

    test('receivers: an MPS connection page reaches the MPS and national pagers', () => {
      const down = alerts.find(
        (a) => a.labels.deployment === 'stalled' && a.labels.consumer === 'GDT.TAX',
      );
      expect(down?.receivers.map((r) => r.name).sort()).toEqual(['mps-pager', 'oncall-pager']);
    });
  },
);
