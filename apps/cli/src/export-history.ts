import { once } from 'node:events';
import { type FileHandle, open } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { DateTime } from 'luxon';
import { type AppConfig, resolveSubjectKey } from '@datashare/config';
import { SubjectPseudonymizer } from '@datashare/contract';
import {
  type ExportFormat,
  exportHeader,
  exportLine,
  loggedHistoryParameters,
  parseHistoryFilters,
  storedHistoryFilters,
} from '@datashare/history';
import {
  AccessLog,
  type HistoryQuery,
  TransactionHistory,
  applyMigrations,
  openClickHouse,
} from '@datashare/storage';
import { UsageError } from './usage-error';

export const EXPORT_USAGE = `  export --from <date|datetime> --to <date|datetime> --out <file>
         [--format csv|ndjson] [--order desc|asc] [--as <name>]
         [--platform P] [--consumer C] [--provider V] [--service S] [--outcome success|failure]
         [--error-code E] [--transaction-id T] [--reported-by platform|consumer|provider]
         [--subject-id ID]
                   the transaction history of [from, to) to a file, recorded in the access log
                   (dates are midnight in REPORT_TIMEZONE; datetimes may carry Z or an offset)`;

const PRINCIPAL = /^[A-Za-z0-9._@-]{1,64}$/;

interface ExportRequest {
  query: HistoryQuery;
  format: ExportFormat;
  out: string;
  principal: string;
  /** What the access log records of the request: the subject only as its pseudonym. */
  logged: Record<string, string>;
}

function parseExport(argv: string[], config: AppConfig): ExportRequest {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      order: { type: 'string', default: 'desc' },
      as: { type: 'string' },
      platform: { type: 'string' },
      consumer: { type: 'string' },
      provider: { type: 'string' },
      service: { type: 'string' },
      outcome: { type: 'string' },
      'error-code': { type: 'string' },
      'transaction-id': { type: 'string' },
      'reported-by': { type: 'string' },
      'subject-id': { type: 'string' },
    },
  });
  const zone = config.reporting.timezone;
  const instant = (name: string, text: string | undefined): number => {
    if (text === undefined) throw new UsageError(`export needs --${name}`);
    const ms = parseInstant(text, zone);
    if (ms === null) {
      throw new UsageError(
        `--${name} must be a date YYYY-MM-DD (midnight in ${zone}) or a datetime with Z or an offset, e.g. 2026-03-01T00:00:00+07:00`,
      );
    }
    return ms;
  };
  const fromMs = instant('from', values.from);
  const toMs = instant('to', values.to);
  if (fromMs >= toMs) throw new UsageError('--from must be before --to');
  if (values.out === undefined) throw new UsageError('export needs --out <file>');
  const format = values.format;
  if (format !== 'csv' && format !== 'ndjson') throw new UsageError('--format is csv or ndjson');
  const order = values.order;
  if (order !== 'desc' && order !== 'asc') throw new UsageError('--order is desc or asc');
  if (values.as !== undefined && !PRINCIPAL.test(values.as)) {
    throw new UsageError('--as must be 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", "@" or "-"');
  }
  const parsed = parseHistoryFilters({
    platform: values.platform,
    consumer: values.consumer,
    provider: values.provider,
    service: values.service,
    outcome: values.outcome,
    errorCode: values['error-code'],
    transactionId: values['transaction-id'],
    reportedBy: values['reported-by'],
    subjectId: values['subject-id'],
  });
  if (!parsed.ok)
    throw new UsageError(parsed.message.replace(/^(\w+)/, (name) => `--${kebab(name)}`));
  const filters = storedHistoryFilters(parsed.filters, (id) =>
    new SubjectPseudonymizer(resolveSubjectKey(config)).pseudonymize(id),
  );
  const osUser = currentOsUser();
  return {
    query: { fromMs, toMs, filters, order },
    format,
    out: values.out,
    // --as says who the export is for; the OS account that ran it is kept beside it.
    principal: values.as === undefined ? osUser : `${values.as} (os user ${osUser})`,
    logged: loggedHistoryParameters({ fromMs, toMs, order }, filters, { format }),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(2299, 11, 31);

/** A date (midnight in the zone) or a datetime with its offset, within what the store holds. */
function parseInstant(text: string, zone: string): number | null {
  const parsed = DATE.test(text)
    ? DateTime.fromISO(text, { zone })
    : DATETIME.test(text)
      ? DateTime.fromISO(text, { setZone: true })
      : null;
  if (parsed === null || !parsed.isValid) return null;
  const ms = parsed.toMillis();
  return ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : null;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function currentOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

/**
 * Writes the history of the query to a file, a page at a time, with a progress bar on stderr,
 * and records the export (and how many records it wrote, also when it failed) in the access log.
 */
export async function exportHistory(argv: string[], config: AppConfig): Promise<number> {
  const request = parseExport(argv, config);
  const db = await openClickHouse(config.clickhouse, config.dataDir);
  let written = 0;
  try {
    await applyMigrations(db, config.reporting.timezone);
    const history = new TransactionHistory(db);
    const output = await openOutput(request.out);
    const total = await history.count(request.query);
    const bar = new SingleBar({
      stream: process.stderr,
      format: 'export |{bar}| {percentage}% | {value}/{total} records | ETA {eta_formatted}',
    });
    bar.start(total, 0);
    const file = output.createWriteStream();
    // Awaited below; a write error also rejects it, which must not count as unhandled meanwhile.
    const closed = once(file, 'close');
    closed.catch(() => undefined);
    try {
      await write(file, exportHeader(request.format));
      for await (const page of history.export(request.query)) {
        await write(file, page.map((r) => exportLine(request.format, r)).join(''));
        written += page.length;
        bar.update(written);
      }
    } finally {
      bar.stop();
      file.end();
      await closed;
    }
    process.stderr.write(`exported ${written} records to ${request.out}\n`);
    return 0;
  } finally {
    await new AccessLog(db)
      .append({
        at: Date.now(),
        principal: request.principal,
        roles: [],
        endpoint: 'cli export',
        filters: request.logged,
        rows: written,
      })
      .finally(() => db.close());
  }
}

/** The output file, created new: an export never overwrites a file (it may be evidence). */
async function openOutput(out: string): Promise<FileHandle> {
  try {
    return await open(out, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'EEXIST'
        ? `--out ${out} already exists; an export does not overwrite a file`
        : code === 'ENOENT'
          ? `--out ${out}: its directory does not exist`
          : `--out ${out} cannot be created (${code ?? 'error'})`,
    );
  }
}

async function write(file: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (chunk.length > 0 && !file.write(chunk)) await once(file, 'drain');
}
