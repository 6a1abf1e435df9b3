import {
  Controller,
  type DynamicModule,
  Get,
  Global,
  Header,
  Inject,
  Module,
} from '@nestjs/common';
import type { Registry } from 'prom-client';
import { CLOCK, type Clock } from '@datashare/clock';
import { ConnectionMetrics, IngestMetrics, createMetricsRegistry } from '@datashare/metrics';
import { Public, RequireRole } from './auth';
import { METRICS_REGISTRY } from './tokens';

class MetricsEndpoint {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Open, as /healthz and /readyz are: what a scraper reads says nothing of any transaction. */
@Controller()
@Public()
export class MetricsController extends MetricsEndpoint {}

/** With METRICS_REQUIRE_AUTH=1: the scraper sends a viewer's key (docs/metrics.md). */
@Controller()
@RequireRole('viewer')
export class ProtectedMetricsController extends MetricsEndpoint {}

/** Prometheus metrics of one app on GET /metrics (docs/metrics.md). */
@Global()
@Module({})
export class MetricsModule {
  static forApp(app: string, requireAuth: boolean): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [requireAuth ? ProtectedMetricsController : MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(app) },
        {
          provide: IngestMetrics,
          inject: [METRICS_REGISTRY, CLOCK],
          useFactory: (registry: Registry, clock: Clock) =>
            new IngestMetrics(registry, () => clock.nowMs()),
        },
        {
          provide: ConnectionMetrics,
          inject: [METRICS_REGISTRY],
          useFactory: (registry: Registry) => new ConnectionMetrics(registry),
        },
      ],
      exports: [METRICS_REGISTRY, IngestMetrics, ConnectionMetrics],
    };
  }
}
