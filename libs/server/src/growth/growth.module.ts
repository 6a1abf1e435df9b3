import { Controller, Get, Module, Query } from '@nestjs/common';
import type { GrowthQuery, SeriesQuery } from '@datashare/growth';
import { RequireRole } from '../auth';
import type { GrowthDto, SeriesDto } from './growth-dto';
import { GrowthQueryPipe, SeriesQueryPipe } from './growth-query.pipe';
import { GrowthService } from './growth.service';

@Controller('api/v1/growth')
@RequireRole('viewer')
export class GrowthController {
  constructor(private readonly growth: GrowthService) {}

  @Get()
  totals(@Query(GrowthQueryPipe) query: GrowthQuery): Promise<GrowthDto> {
    return this.growth.growth(query);
  }

  @Get('series')
  series(@Query(SeriesQueryPipe) query: SeriesQuery): Promise<SeriesDto> {
    return this.growth.series(query);
  }
}

@Module({
  controllers: [GrowthController],
  providers: [GrowthService, GrowthQueryPipe, SeriesQueryPipe],
  exports: [GrowthService, GrowthQueryPipe],
})
export class GrowthModule {}
