import { Injectable } from '@nestjs/common';
import type { GrowthQuery } from '@datashare/growth';
import { severity, type ConnectionState } from '@datashare/health';
import type { AgencyDto } from '@datashare/api-types';
import { GrowthService } from '../growth/growth.service';
import { ConnectionsService } from './connections.service';

export type { AgencyDto } from '@datashare/api-types';

/** Severity, and among equals healthy before idle: an agency with one busy link is not idle. */
function summaryRank(state: ConnectionState): number {
  return severity(state) * 2 + (state === 'healthy' ? 1 : 0);
}

@Injectable()
export class AgencyService {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly growth: GrowthService,
  ) {}

  async summary(code: string, period: GrowthQuery): Promise<AgencyDto> {
    const [{ asConsumer, asProvider }, growth] = await Promise.all([
      this.connections.agencyConnections(code),
      this.growth.growth(period, { agency: code }),
    ]);
    const states = [...asConsumer, ...asProvider].map((c) => c.state);
    const state = states.reduce<ConnectionState>(
      (worst, s) => (summaryRank(s) > summaryRank(worst) ? s : worst),
      'unknown',
    );
    return { code, state, asConsumer, asProvider, growth };
  }
}
