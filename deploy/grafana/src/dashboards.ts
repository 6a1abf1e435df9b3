import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { connectionDashboard } from './connection';
import { growthDashboard } from './growth';
import { overviewDashboard } from './overview';
import { pipelineDashboard } from './pipeline';

/** Every provisioned dashboard, in the order of the dashboard list. */
export function buildDashboards(): Dashboard[] {
  return [overviewDashboard(), connectionDashboard(), growthDashboard(), pipelineDashboard()];
}

/** The file a dashboard is provisioned from: deploy/grafana/dashboards/<uid>.json. */
export function dashboardFileName(dashboard: Dashboard): string {
  if (dashboard.uid === undefined) throw new Error(`dashboard "${dashboard.title}" has no uid`);
  return `${dashboard.uid}.json`;
}

/**
 * The JSON the generator writes (Prettier then reformats it, with the repository's settings;
 * the content does not change).
 */
export function serializeDashboard(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
