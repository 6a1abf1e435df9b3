import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import { planRollupReads } from '@datashare/growth';
import { TrafficSeries } from '@datashare/storage';
import { matchesConnectionFilter } from './connection-filter';
import type { ConnectionSeriesQuery } from './connection-queries';
import { fillSeries } from './connection-series';
import { type ConnectionSeriesDto, toConnectionSeriesDto } from './connection-series-dto';

/** Volume, failures and latency over time of the connections a filter selects. */
@Injectable()
export class ConnectionSeriesService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly traffic: TrafficSeries,
  ) {}

  async series(query: ConnectionSeriesQuery): Promise<ConnectionSeriesDto> {
    const timezone = this.config.reporting.timezone;
    const known = await this.traffic.connections();
    // The connection list's own rule picks the connections (an agency is a dotted code prefix
    // on either side), so a series adds up exactly the connections the list shows.
    const selected = known.filter((c) => matchesConnectionFilter(c, query.filter));
    const everyConnection = selected.length === known.length;
    const rows = await this.traffic.read({
      fromMs: query.range.fromMs,
      toMs: query.range.toMs,
      grain: query.interval,
      timezone,
      connections: everyConnection ? null : selected,
      // Day buckets read whole days from the day rollup: a month is 30 rows per key, not 43,200.
      wholeDays:
        query.interval === 'day'
          ? planRollupReads(query.range.fromMs, query.range.toMs, timezone).days
          : null,
    });
    const buckets = fillSeries(query.buckets, rows, this.clock.nowMs());
    return toConnectionSeriesDto(query, timezone, selected.length, buckets);
  }
}
