import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from './app-config';

const KEY_FILE = 'subject-hmac.key';

/**
 * The key that pseudonymizes subject identifiers. Outside production, when none is configured,
 * one is generated on first start and kept in DATA_DIR so that pseudonyms stay stable across
 * restarts (a new key would make every earlier pseudonym unsearchable).
 */
export function resolveSubjectKey(config: AppConfig): Buffer {
  if (config.subjectHmacKey) return config.subjectHmacKey;
  const file = path.join(config.dataDir, KEY_FILE);
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}
