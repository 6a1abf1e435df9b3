import { ConfigError, type AppConfig, loadConfig } from '@datashare/config';
import { createLogger } from '@datashare/observability';
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
    if (error instanceof ConfigError) {
      // Exit once the message is out: a pipe would otherwise lose it.
      process.stderr.write(`${name}: ${error.message}\n`, () => process.exit(2));
      return;
    }
    throw error;
  }
  const logger = createLogger(config, name);
  try {
    const parts = chooseParts(config);
    await startHttpApp(composeApp(name, config, logger, parts), config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}
