import { execFileSync } from 'node:child_process';

/** The path of an executable on PATH, or null. */
export function findBinary(name: string): string | null {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** The skip reason of a test that needs these executables (Debian packages), or null. */
export function binariesUnavailableReason(...names: string[]): string | null {
  const missing = names.filter((name) => findBinary(name) === null);
  return missing.length === 0
    ? null
    : `${missing.join(', ')} not installed (Debian packages prometheus, prometheus-alertmanager)`;
}
