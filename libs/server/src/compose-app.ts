import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { AppConfig } from '@datashare/config';
import { withoutPersonalQuery } from '@datashare/observability';
import { AuthModule } from './auth/auth.module';
import { servesProtectedRoutes } from './auth/access-setup';
import { principalLogFields } from './auth/current-principal.decorator';
import { ConsumerModule } from './consumer.module';
import { CoreModule } from './core.module';
import { HealthModule } from './health.controller';
import { requestId } from './http-app';
import { IngestModule } from './ingest.controller';
import { MetricsModule } from './metrics.module';
import { PipelineModule } from './pipeline.module';
import { SimulationModule } from './simulation.module';
import { ConnectionsModule } from './connections/connections.module';
import { HealthEvaluationModule } from './connections/health-evaluation.module';
import { GrowthModule } from './growth/growth.module';
import { HistoryModule } from './history/history.module';
import { ApiDocsModule } from './docs/api-docs.module';
import { ConsoleModule } from './console/console.module';

export interface AppParts {
  /** HTTP ingest (POST /api/v1/transactions). */
  intake: boolean;
  /** The Kafka consumer (needs KAFKA_BROKERS). */
  consumer: boolean;
  /** Built-in simulated traffic. */
  simulator: boolean;
  /** The read APIs: growth, connections, agencies, and the auditors' history and access log. */
  reports: boolean;
  /** The connection health evaluator loop (one per deployment: HEALTH_EVALUATOR). */
  evaluator: boolean;
}

/** The root module of an entry point: the same pieces, chosen per app. */
export function composeApp(
  app: string,
  config: AppConfig,
  logger: Logger,
  parts: AppParts,
): DynamicModule {
  return {
    module: class DataShareMonitorApp {},
    imports: [
      LoggerModule.forRoot({
        pinoHttp: {
          logger,
          genReqId: (req) => requestId(req),
          autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
          customProps: (req) => principalLogFields(req),
          serializers: {
            req: (req: { url: string }) => ({ ...req, url: withoutPersonalQuery(req.url) }),
          },
        },
      }),
      CoreModule.forRoot(config, logger),
      AuthModule.forRoot(config, logger, servesProtectedRoutes(config, parts)),
      MetricsModule.forApp(app, config.auth.metricsRequireAuth),
      PipelineModule,
      HealthModule,
      ...(parts.intake || parts.reports ? [ApiDocsModule] : []),
      ...(parts.intake ? [IngestModule] : []),
      ...(parts.consumer ? [ConsumerModule] : []),
      ...(parts.simulator ? [SimulationModule] : []),
      ...(parts.reports ? [GrowthModule, ConnectionsModule, HistoryModule] : []),
      // The console reads the same APIs, so it is served where they are.
      ...(parts.reports ? [ConsoleModule] : []),
      ...(parts.evaluator ? [HealthEvaluationModule] : []),
    ],
  };
}
