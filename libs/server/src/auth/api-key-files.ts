import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  type ApiKeyEntry,
  ApiKeysFileError,
  ROLES,
  generateApiKey,
  parseApiKeysFile,
} from '@datashare/access';

/** Reads API_KEYS_FILE; any problem stops the start, naming the file and the entry. */
export function readApiKeysFile(file: string): ApiKeyEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ApiKeysFileError(`API_KEYS_FILE ${file}: ${(error as Error).message}`);
  }
  return parseApiKeysFile(text, file);
}

export const BOOTSTRAP_KEY_FILE = 'api-keys.bootstrap.json';
export const BOOTSTRAP_KEY_NAME = 'bootstrap';

/** The generated key of a start without API_KEYS_FILE or OIDC; `key` only when just created. */
export interface BootstrapApiKey {
  entry: ApiKeyEntry;
  file: string;
  key: string | null;
}

/**
 * Outside production, with neither API keys nor OIDC configured, one key with every role is
 * generated on the first start. Only its digest is kept, in DATA_DIR in the API keys file
 * format (as the subject key is), so it survives restarts; deleting the file makes a new one.
 */
export function resolveBootstrapApiKey(dataDir: string): BootstrapApiKey {
  const file = path.join(dataDir, BOOTSTRAP_KEY_FILE);
  const existing = readBootstrapFile(file);
  if (existing !== null) return { entry: existing, file, key: null };
  const { key, entry } = generateApiKey(BOOTSTRAP_KEY_NAME, [...ROLES]);
  const json = [{ name: entry.name, roles: entry.roles, sha256: entry.digest.toString('hex') }];
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process of the same DATA_DIR made one first: use it.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return resolveBootstrapApiKey(dataDir);
  }
  return { entry, file, key };
}

function readBootstrapFile(file: string): ApiKeyEntry | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const [entry, ...others] = parseApiKeysFile(text, file);
  if (entry === undefined || others.length > 0) {
    throw new ApiKeysFileError(`${file}: must hold exactly one key; delete it to make a new one`);
  }
  return entry;
}

/** The one time the generated key is shown: on stderr, apart from the JSON logs. */
export function announceBootstrapKey(bootstrap: BootstrapApiKey, port: number): string {
  const line = '='.repeat(78);
  return [
    line,
    'No API_KEYS_FILE or OIDC is configured: an API key with every role was generated.',
    'It is shown only this once. Keep it:',
    '',
    `    ${bootstrap.key ?? ''}`,
    '',
    'Send it as a bearer token, e.g.',
    `    curl -H 'Authorization: Bearer <key>' http://localhost:${port}/api/v1/connections`,
    `Only its SHA-256 is kept, in ${bootstrap.file}`,
    'Delete that file and restart for a new key; set API_KEYS_FILE or OIDC for real users.',
    line,
    '',
  ].join('\n');
}
