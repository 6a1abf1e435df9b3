import { execFileSync } from 'node:child_process';

/** Whether a Docker engine answers (not just a client on the PATH). */
export function dockerEngineAvailable(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
      stdio: 'pipe',
      timeout: 10_000,
    });
    return true;
  } catch {
    return false;
  }
}

export function usingContainers(): boolean {
  return process.env.DATASHARE_TEST_CONTAINERS === '1';
}
