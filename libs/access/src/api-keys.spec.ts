import { createHash } from 'node:crypto';
import { ApiKeysFileError, findApiKey, generateApiKey, parseApiKeysFile } from './api-keys';

const hex = (key: string) => createHash('sha256').update(key).digest('hex');

function fileError(text: string): string {
  try {
    parseApiKeysFile(text, 'keys.json');
  } catch (error) {
    if (error instanceof ApiKeysFileError) return error.message;
    throw error;
  }
  throw new Error('expected an ApiKeysFileError');
}

describe('parseApiKeysFile', () => {
  it('reads names, roles and digests', () => {
    const entries = parseApiKeysFile(
      JSON.stringify([
        { name: 'audit-team', roles: ['auditor'], sha256: hex('k1') },
        { name: 'gateway', roles: ['ingest', 'viewer'], sha256: hex('k2').toUpperCase() },
      ]),
      'keys.json',
    );
    expect(entries.map((e) => [e.name, e.roles, e.digest.toString('hex')])).toEqual([
      ['audit-team', ['auditor'], hex('k1')],
      ['gateway', ['ingest', 'viewer'], hex('k2')],
    ]);
  });

  it('names the file and the entry of every problem, and never echoes a value', () => {
    const message = fileError(
      JSON.stringify([
        { name: 'ops', roles: ['root'], sha256: 'the-key-in-clear' },
        { name: 'x', roles: [], sha256: hex('k'), extra: 1 },
      ]),
    );
    expect(message).toMatch(/^keys\.json: invalid API keys:/);
    expect(message).toContain('[0].roles[0]: must be one of viewer, auditor, ingest, admin');
    expect(message).toContain('[0].sha256: must be the hex SHA-256 of the key');
    expect(message).toContain('[1].roles: must name at least one role');
    expect(message).toMatch(/\[1\]: .*extra/);
    expect(message).not.toContain('the-key-in-clear');
  });

  it('refuses a name used twice, and a file that is not JSON or not a list', () => {
    const entry = { name: 'a', roles: ['viewer'], sha256: hex('k') };
    expect(fileError(JSON.stringify([entry, entry]))).toBe(
      "keys.json: [1].name: 'a' is used twice",
    );
    expect(fileError('{')).toMatch(/^keys\.json: not valid JSON/);
    expect(fileError('{}')).toMatch(/^keys\.json: invalid API keys:\n {2}the file: /);
  });
});

describe('findApiKey', () => {
  const entries = parseApiKeysFile(
    JSON.stringify([
      { name: 'audit-team', roles: ['auditor'], sha256: hex('audit-key') },
      { name: 'gateway', roles: ['ingest'], sha256: hex('gateway-key') },
    ]),
    'keys.json',
  );

  it('finds the entry of a key by its digest', () => {
    expect(findApiKey(entries, 'gateway-key')).toEqual({ name: 'gateway', roles: ['ingest'] });
    expect(findApiKey(entries, 'audit-key')?.name).toBe('audit-team');
  });

  it('finds nothing for another key, an empty one, or a digest given as the key', () => {
    expect(findApiKey(entries, 'audit-key ')).toBeNull();
    expect(findApiKey(entries, '')).toBeNull();
    expect(findApiKey(entries, hex('audit-key'))).toBeNull();
    expect(findApiKey([], 'audit-key')).toBeNull();
  });
});

describe('generateApiKey', () => {
  it('makes a long random key whose entry finds it', () => {
    const a = generateApiKey('bootstrap', ['admin']);
    const b = generateApiKey('bootstrap', ['admin']);
    expect(a.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(findApiKey([a.entry], a.key)).toEqual({ name: 'bootstrap', roles: ['admin'] });
    expect(findApiKey([a.entry], b.key)).toBeNull();
  });
});
