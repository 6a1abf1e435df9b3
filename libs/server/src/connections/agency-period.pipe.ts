import { BadRequestException, Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import {
  type GrowthQuery,
  type RawQuery,
  formatInstant,
  parseGrowthQuery,
} from '@datashare/growth';

/**
 * The period of an agency summary: the growth parameters, where from and to default to the
 * current calendar month of the zone (to date) and compare to previous_year ("this month
 * against the same days last year").
 */
@Injectable()
export class AgencyPeriodPipe implements PipeTransform<RawQuery, GrowthQuery> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  transform(raw: RawQuery): GrowthQuery {
    const timezone = typeof raw.tz === 'string' ? raw.tz : this.config.reporting.timezone;
    const month = monthOf(this.clock.nowMs(), timezone);
    const parsed = parseGrowthQuery(
      {
        ...(raw.from === undefined && raw.to === undefined ? month : {}),
        compare: 'previous_year',
        ...raw,
      },
      {
        defaultTimezone: this.config.reporting.timezone,
        maxRangeDays: this.config.reporting.maxRangeDays,
      },
    );
    if (!parsed.ok) throw new BadRequestException(parsed.message);
    return parsed.value;
  }
}

/** The calendar month holding nowMs in the zone, as from/to dates. */
function monthOf(nowMs: number, timezone: string): { from: string; to: string } {
  let local: string;
  try {
    local = formatInstant(nowMs, timezone);
  } catch {
    return { from: '', to: '' }; // parseGrowthQuery names the bad tz
  }
  const year = Number(local.slice(0, 4));
  const month = Number(local.slice(5, 7));
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { from: `${local.slice(0, 7)}-01`, to: `${next}-01` };
}
