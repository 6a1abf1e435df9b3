import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** The repository root: the tools run from here, with the paths an operator would type. */
export const REPO_ROOT = path.join(__dirname, '..', '..');

/** One run of a command-line tool: its exit status and everything it printed. */
export interface ToolRun {
  command: string;
  status: number | null;
  output: string;
}

/** Runs a tool (promtool, amtool) from the repository root and collects its output. */
export function runTool(tool: string, args: readonly string[]): ToolRun {
  const result = spawnSync(tool, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  const output = [result.stdout, result.stderr, result.error?.message]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n');
  return { command: [tool, ...args].join(' '), status: result.status, output };
}

/** Repository-relative paths of the files in a folder that end with `extension`, sorted. */
export function filesIn(folder: string, extension: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder))
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => path.posix.join(folder, name));
}

/** "DatashareConnectionDown" → "datashare-connection-down": the runbook's file name. */
export function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** An alerting rule as written in a rule file. */
export interface AlertingRule {
  file: string;
  group: string;
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface RuleFile {
  groups: { name: string; rules: Record<string, unknown>[] }[];
}

/** Every alerting rule of the rule files in `folder` (recording rules left out). */
export function alertingRules(folder: string): AlertingRule[] {
  return filesIn(folder, '.yml').flatMap((file) => {
    const parsed = parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as RuleFile;
    return parsed.groups.flatMap((group) =>
      group.rules
        .filter((rule) => typeof rule.alert === 'string')
        .map((rule) => ({
          file,
          group: group.name,
          alert: rule.alert as string,
          expr: rule.expr as string,
          ...(typeof rule.for === 'string' ? { for: rule.for } : {}),
          labels: (rule.labels ?? {}) as Record<string, string>,
          annotations: (rule.annotations ?? {}) as Record<string, string>,
        })),
    );
  });
}

/** One `alert_rule_test` case of a promtool test file. */
export interface AlertRuleCase {
  file: string;
  test: string;
  alertname: string;
  evalTime: string;
  firing: number;
}

interface TestFile {
  tests: {
    name?: string;
    alert_rule_test?: { alertname: string; eval_time: string; exp_alerts?: unknown[] }[];
  }[];
}

/** Every alert_rule_test case of the promtool test files in `folder`. */
export function alertRuleCases(folder: string): AlertRuleCase[] {
  return filesIn(folder, '.yml').flatMap((file) => {
    const parsed = parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'), {
      maxAliasCount: -1,
    }) as TestFile;
    return parsed.tests.flatMap((test) =>
      (test.alert_rule_test ?? []).map((c) => ({
        file,
        test: test.name ?? '',
        alertname: c.alertname,
        evalTime: c.eval_time,
        firing: c.exp_alerts?.length ?? 0,
      })),
    );
  });
}

/** The alert names an Alertmanager matcher list refers to: `alertname="A"`, `alertname=~"A|B"`. */
export function alertnamesIn(matchers: readonly string[]): string[] {
  return matchers.flatMap((matcher) => {
    const match = /^alertname=~?"(.*)"$/.exec(matcher.trim());
    return match?.[1] ? match[1].split('|') : [];
  });
}

/** The Alertmanager binary: Debian names it prometheus-alertmanager. */
export function alertmanagerBinary(): string | null {
  for (const name of ['prometheus-alertmanager', 'alertmanager']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  return null;
}

/** Whether a repository-relative path exists. */
export function repoFileExists(file: string): boolean {
  return existsSync(path.join(REPO_ROOT, file));
}
