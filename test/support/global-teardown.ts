import { rmSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Stops the ClickHouse container, if one was started, and removes this run's embedded engines'
 * data (another jest run in the same checkout keeps its own).
 */
export default async function globalTeardown(): Promise<void> {
  await globalThis.datashareClickHouseContainer?.stop();
  const run = process.env.DATASHARE_TEST_RUN;
  if (run === undefined) return;
  rmSync(path.join(__dirname, '..', '..', '.test-data', `run-${run}`), {
    recursive: true,
    force: true,
  });
}
