import { ConfigError, type AppConfig, loadConfig } from '@datashare/config';
import { createLogger } from '@datashare/observability';
import { requireAccessControl, servesProtectedRoutes } from './auth/access-setup';
import { type AppParts, composeApp } from './compose-app';
import { startHttpApp } from './http-app';

/**
 * The whole of an app's main(): validate configuration (a bad variable stops the start with
 * its name), then compose and listen. Exit code 2 for configuration, 1 for anything else.
 */
export async function runApp(
  name: string,
  chooseParts: (config: AppConfig) => AppParts,
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return exitForConfiguration(name, error);
    throw error;
  }
  const logger = createLogger(config, name);
  try {
    const parts = chooseParts(config);
    requireAccessControl(config, servesProtectedRoutes(config, parts));
    await startHttpApp(composeApp(name, config, logger, parts), config, logger);
  } catch (error) {
    if (error instanceof ConfigError) return exitForConfiguration(name, error);
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}

function exitForConfiguration(name: string, error: ConfigError): void {
  // Exit once the message is out: a pipe would otherwise lose it.
  process.stderr.write(`${name}: ${error.message}\n`, () => process.exit(2));
}
