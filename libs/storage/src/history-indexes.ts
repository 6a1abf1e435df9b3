import type { ClickHouseDatabase } from './clickhouse-database';
import { onCluster, storageTable } from './cluster-ddl';
import { upgradedWithHistory } from './upgrade';

const INDEX_MIGRATION = 'history_lookup_indexes';
const INDEXES = ['transaction_id_bloom', 'subject_ref_bloom'];

/**
 * Skip indexes added by a migration cover only the parts written after it. When this start
 * applied them and the raw history already holds records (an upgrade), the existing parts are
 * indexed too, by a background mutation: the start does not wait, and lookups stay exact
 * meanwhile, only slower. A fresh table needs none (and the embedded engine crashes at process
 * exit while a mutation is pending). Returns the indexes it set to build.
 */
export async function indexExistingHistory(
  db: ClickHouseDatabase,
  reportTimezone: string,
  appliedVersions: readonly number[],
): Promise<string[]> {
  if (!(await upgradedWithHistory(db, reportTimezone, appliedVersions, [INDEX_MIGRATION])))
    return [];
  const table = `${db.database}.${storageTable(db, 'transactions')}`;
  for (const index of INDEXES) {
    await db.client.command({
      query: `ALTER TABLE ${table}${onCluster(db)} MATERIALIZE INDEX ${index}`,
    });
  }
  return INDEXES;
}
