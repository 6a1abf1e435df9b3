import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@datashare/config';
import {
  applyMigrations,
  applyRetention,
  openClickHouse,
  projectExistingHistory,
  rebuildRollups,
} from '@datashare/storage';
import { EXPORT_USAGE, exportHistory } from './export-history';
import { UsageError } from './usage-error';
import { verifyAccessLog } from './verify-access-log';

const USAGE = `usage: datashare <command>
  migrate          apply pending schema migrations and the configured retention
  rebuild-rollups  recompute the traffic rollups from the raw history, in REPORT_TIMEZONE
                   (stop ingestion first; with the embedded engine, stop the monitor)
  sql "<query>"    run one read-only query and print its rows as JSON lines
                   (for the embedded engine, which has no clickhouse-client)
${EXPORT_USAGE}
  verify-access-log
                   verify the access log's hash chains; exit 1 naming the first broken entry`;

async function main(argv: string[]): Promise<number> {
  const [first] = argv;
  // export has options of its own; the other commands take positionals only.
  if (first === 'export') return exportHistory(argv.slice(1), loadConfig());
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  const config = loadConfig();
  switch (command ?? '') {
    case 'verify-access-log':
      return verifyAccessLog(config);
    case 'migrate': {
      const db = await openClickHouse(config.clickhouse, config.dataDir);
      try {
        const report = await applyMigrations(db, config.reporting.timezone);
        const projected = await projectExistingHistory(
          db,
          config.reporting.timezone,
          report.applied,
        );
        const retention = await applyRetention(db, config.retention);
        process.stdout.write(
          `applied: [${report.applied.join(', ')}]; already applied: [${report.alreadyApplied.join(', ')}]; ` +
            `retention changed: [${retention.join(', ')}]; ` +
            `projected into new rollups: [${projected.map((p) => p.table).join(', ')}]\n`,
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'rebuild-rollups': {
      const db = await openClickHouse(config.clickhouse, config.dataDir);
      try {
        await applyMigrations(db, config.reporting.timezone);
        for (const rollup of await rebuildRollups(db, config.reporting.timezone)) {
          process.stdout.write(`rebuilt ${rollup.table}: ${rollup.rows} rows\n`);
        }
        await applyRetention(db, config.retention);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'sql': {
      const query = rest.join(' ');
      if (!query) throw new UsageError('sql needs a query');
      const db = await openClickHouse(config.clickhouse, config.dataDir);
      try {
        const result = await db.client.query({
          query,
          format: 'JSONEachRow',
          clickhouse_settings: { readonly: '1' },
        });
        const rows = await result.json();
        process.stdout.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      } finally {
        await db.close();
      }
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  }
}

main(process.argv.slice(2)).then(
  // Exit once stdout has taken everything: rows written to a pipe must not be cut off.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`datashare: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
