import { Injectable } from '@nestjs/common';
import type { GrowthQuery } from '@datashare/growth';
import { severity, type ConnectionState } from '@datashare/health';
import type { GrowthDto } from '../growth/growth-dto';
import { GrowthService } from '../growth/growth.service';
import type { ConnectionDto } from './connection-dto';
import { ConnectionsService } from './connections.service';

/** GET /api/v1/agencies/{code} (docs/api.md). */
export interface AgencyDto {
  code: string;
  /** The worst state among its connections. */
  state: ConnectionState;
  asConsumer: ConnectionDto[];
  asProvider: ConnectionDto[];
  /** Transactions where the agency is either party, this period against the compared one. */
  growth: GrowthDto;
}

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
