import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildDashboards, dashboardFileName, serializeDashboard } from './dashboards';

/**
 * Writes every dashboard to deploy/grafana/dashboards/<uid>.json, and removes the JSON files of
 * dashboards that no longer exist. `npm run dashboards` builds, runs this, then Prettier.
 */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

function main(): void {
  const outDir = path.join(repositoryRoot(), 'deploy', 'grafana', 'dashboards');
  mkdirSync(outDir, { recursive: true });
  const written = new Set<string>();
  for (const dashboard of buildDashboards()) {
    const file = dashboardFileName(dashboard);
    if (written.has(file)) throw new Error(`two dashboards have the uid ${dashboard.uid}`);
    writeFileSync(path.join(outDir, file), serializeDashboard(dashboard));
    written.add(file);
  }
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.json') && !written.has(file)) rmSync(path.join(outDir, file));
  }
  console.log(`${written.size} dashboards written to ${path.relative(process.cwd(), outDir)}`);
}

main();
