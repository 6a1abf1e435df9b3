import { BadRequestException, Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import {
  type GrowthQuery,
  type Parsed,
  type RawQuery,
  type SeriesQuery,
  parseGrowthQuery,
  parseSeriesQuery,
} from '@datashare/growth';

function valueOrBadRequest<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new BadRequestException(parsed.message);
  return parsed.value;
}

/** The query of GET /api/v1/growth, validated by libs/growth against the configured limits. */
@Injectable()
export class GrowthQueryPipe implements PipeTransform<RawQuery, GrowthQuery> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  transform(raw: RawQuery): GrowthQuery {
    return valueOrBadRequest(
      parseGrowthQuery(raw, {
        defaultTimezone: this.config.reporting.timezone,
        maxRangeDays: this.config.reporting.maxRangeDays,
      }),
    );
  }
}

/** The query of GET /api/v1/growth/series. */
@Injectable()
export class SeriesQueryPipe implements PipeTransform<RawQuery, SeriesQuery> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  transform(raw: RawQuery): SeriesQuery {
    return valueOrBadRequest(
      parseSeriesQuery(raw, {
        defaultTimezone: this.config.reporting.timezone,
        maxRangeDays: this.config.reporting.maxRangeDays,
        maxBuckets: this.config.reporting.maxBuckets,
      }),
    );
  }
}
