import { randomUUID } from 'node:crypto';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { AppConfig } from '@datashare/config';
import { ErrorIdFilter } from '@datashare/observability';

/** Creates and starts an HTTP app the same way for every entry point. */
export async function startHttpApp(
  rootModule: DynamicModule,
  config: AppConfig,
  logger: Logger,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  // Nothing in an answer needs to say what serves it.
  app.disable('x-powered-by');
  // Ingest bodies are read as bytes: each NDJSON line is validated as a Kafka message would be.
  app.useBodyParser('raw', {
    type: ['application/json', 'application/x-ndjson', 'application/jsonl'],
    limit: config.http.ingestMaxBodyBytes,
  });
  app.useGlobalFilters(new ErrorIdFilter(logger));
  stopOnSignals(app, logger);
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: await app.getUrl() }, 'HTTP server listening');
  return app;
}

/**
 * SIGTERM and SIGINT stop the app gracefully (consumers flush and commit, then connections
 * close) and exit 0, or with the exit code set by whatever asked the app to stop (a consumer
 * that gave up sets 1); a second signal during the stop exits at once.
 */
function stopOnSignals(app: INestApplication, logger: Logger): void {
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping');
    process.once(signal, () => process.exit(1));
    app.close().then(
      () => process.exit(process.exitCode ?? 0),
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export function requestId(req: { headers: Record<string, unknown> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}
