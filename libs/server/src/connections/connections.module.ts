import { Controller, Get, Inject, Module, Param, Query } from '@nestjs/common';
import type { GrowthQuery } from '@datashare/growth';
import { RequireRole } from '../auth';
import { GrowthModule } from '../growth/growth.module';
import { parseQuery } from '../http/parse-query';
import { AgencyPeriodPipe } from './agency-period.pipe';
import { type AgencyDto, AgencyService } from './agency.service';
import { ConnectionFiguresReader } from './connection-figures-reader';
import {
  agencyCode,
  connectionListQuery,
  connectionSeriesQuery,
  healthEventsQuery,
} from './connection-queries';
import type { ConnectionSeriesDto } from './connection-series-dto';
import { ConnectionSeriesService } from './connection-series.service';
import type { HealthEventDto } from './connection-dto';
import { type ConnectionListDto, ConnectionsService } from './connections.service';
import { HEALTH_THRESHOLDS, loadHealthThresholds } from './health-thresholds';
import { APP_CONFIG, type AppConfig } from '@datashare/config';

@Controller('api/v1')
@RequireRole('viewer')
export class ConnectionsController {
  private readonly seriesQuery;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly agencies: AgencyService,
    private readonly seriesOf: ConnectionSeriesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.seriesQuery = connectionSeriesQuery(config.reporting);
  }

  @Get('connections')
  list(@Query() query: unknown): Promise<ConnectionListDto> {
    return this.connections.list(parseQuery(connectionListQuery, query));
  }

  @Get('connections/events')
  events(@Query() query: unknown): Promise<{ events: HealthEventDto[] }> {
    return this.connections.events(parseQuery(healthEventsQuery, query));
  }

  @Get('connections/series')
  series(@Query() query: unknown): Promise<ConnectionSeriesDto> {
    return this.seriesOf.series(parseQuery(this.seriesQuery, query));
  }

  @Get('agencies/:code')
  agency(
    @Param('code') code: string,
    @Query(AgencyPeriodPipe) period: GrowthQuery,
  ): Promise<AgencyDto> {
    return this.agencies.summary(parseQuery(agencyCode, code, 'code'), period);
  }
}

/** Connection health as the APIs read it: current states, live figures, transitions, agencies. */
@Module({
  imports: [GrowthModule],
  controllers: [ConnectionsController],
  providers: [
    ConnectionsService,
    AgencyService,
    ConnectionSeriesService,
    AgencyPeriodPipe,
    ConnectionFiguresReader,
    {
      provide: HEALTH_THRESHOLDS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadHealthThresholds(config),
    },
  ],
  exports: [ConnectionFiguresReader],
})
export class ConnectionsModule {}
