import { rmSync } from 'node:fs';
import * as path from 'node:path';

/** Stops the ClickHouse container, if one was started, and removes the embedded engines' data. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.datashareClickHouseContainer?.stop();
  rmSync(path.join(__dirname, '..', '..', '.test-data'), { recursive: true, force: true });
}
