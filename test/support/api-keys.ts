import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROLES, type Role, generateApiKey } from '@datashare/access';

export interface TestApiKeys {
  /** The file, for API_KEYS_FILE. */
  file: string;
  /** One key per role: the key named `<role>` has exactly that role. */
  keys: Record<Role, string>;
}

/** Writes an API keys file with one key per role into a test's own directory. */
export function writeApiKeysFile(dir: string): TestApiKeys {
  const file = path.join(dir, 'api-keys.json');
  const made = ROLES.map((role) => ({ role, key: generateApiKey(role, [role]).key }));
  const entries = made.map(({ role, key }) => ({
    name: role,
    roles: [role],
    sha256: createHash('sha256').update(key).digest('hex'),
  }));
  writeFileSync(file, JSON.stringify(entries, null, 2));
  return {
    file,
    keys: Object.fromEntries(made.map(({ role, key }) => [role, key])) as Record<Role, string>,
  };
}

/** The request headers that authenticate with this key or token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
