import type { AppConfig } from '@datashare/config';
import { AccessLog, openClickHouse } from '@datashare/storage';

const DAY_MS = 86_400_000;

const REASONS = {
  link: 'it does not follow the entry before it in its chain: an entry was removed or inserted before it',
  hash: 'its contents do not match its hash: it was edited',
  anchor: 'the entry its chain starts from is gone, and was too recent to have expired',
} as const;

/** Verifies every chain of the access log; exit 1 and the first broken entry when one is. */
export async function verifyAccessLog(config: AppConfig): Promise<number> {
  const db = await openClickHouse(config.clickhouse, config.dataDir);
  try {
    // What retention may already have dropped: entries linked to one older than this.
    const expiredBeforeMs = Date.now() - config.retention.accessLogDays * DAY_MS;
    const verdict = await new AccessLog(db).verify(expiredBeforeMs);
    if (verdict.ok) {
      process.stdout.write(
        `access log intact: ${verdict.entries} entries in ${verdict.chains} chain(s) ` +
          `(verified from each chain's oldest entry kept; entries before ` +
          `${new Date(expiredBeforeMs).toISOString()} may have expired)\n`,
      );
      return 0;
    }
    const e = verdict.entry;
    process.stdout.write(
      `access log BROKEN at entry ${verdict.index + 1} of the walk: chain ${e.chainId}, seq ${e.seq}, ` +
        `at ${new Date(e.at).toISOString()}, by ${e.principal}, ${e.endpoint}: ${REASONS[verdict.reason]}\n`,
    );
    return 1;
  } finally {
    await db.close();
  }
}
