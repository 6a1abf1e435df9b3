import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Role } from './roles';

export interface ApiKeyEntry {
  name: string;
  roles: Role[];
  /** SHA-256 of the key, as 32 bytes. */
  digest: Buffer;
}

export interface Principal {
  name: string;
  roles: readonly Role[];
}

/** A principal and how it proved who it is. */
export interface AuthenticatedPrincipal extends Principal {
  via: 'api-key' | 'oidc';
}

export class ApiKeysFileError extends Error {
  override readonly name = 'ApiKeysFileError';
}

const entrySchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-"'),
    roles: z
      .array(z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }))
      .min(1, 'must name at least one role'),
    sha256: z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        'must be the hex SHA-256 of the key (64 hex digits), not the key',
      ),
  })
  .strict();
const fileSchema = z.array(entrySchema);

/**
 * The API keys file (`API_KEYS_FILE`): `[{ "name", "roles", "sha256" }]`. It holds digests
 * only; an error names the file and the entry, never a value.
 */
export function parseApiKeysFile(text: string, source: string): ApiKeyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiKeysFileError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length === 0 ? 'the file' : formatPath(issue.path);
      return `  ${where}: ${issue.message}`;
    });
    throw new ApiKeysFileError(`${source}: invalid API keys:\n${problems.join('\n')}`);
  }
  const names = new Set<string>();
  return parsed.data.map((entry, index) => {
    if (names.has(entry.name)) {
      throw new ApiKeysFileError(`${source}: [${index}].name: '${entry.name}' is used twice`);
    }
    names.add(entry.name);
    return { name: entry.name, roles: entry.roles, digest: Buffer.from(entry.sha256, 'hex') };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

export function sha256(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Finds the key's entry. Every entry is compared, in constant time, whatever matches: the time
 * taken says nothing about which digest, or how much of one, a guess came close to.
 */
export function findApiKey(entries: readonly ApiKeyEntry[], key: string): Principal | null {
  const digest = sha256(key);
  let found: ApiKeyEntry | null = null;
  for (const entry of entries) {
    if (timingSafeEqual(entry.digest, digest) && found === null) found = entry;
  }
  return found === null ? null : { name: found.name, roles: found.roles };
}

/** A new random key (256 bits, base64url) and its file entry. */
export function generateApiKey(name: string, roles: Role[]): { key: string; entry: ApiKeyEntry } {
  const key = randomBytes(32).toString('base64url');
  return { key, entry: { name, roles, digest: sha256(key) } };
}
