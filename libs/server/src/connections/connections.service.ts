import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CLOCK, type Clock } from '@datashare/clock';
import { connectionLabel, severity } from '@datashare/health';
import { HealthEventLog, connectionKeyOf, windowEndMs } from '@datashare/storage';
import { ConnectionFiguresReader } from './connection-figures-reader';
import { belongsToAgency, matchesConnectionFilter } from './connection-filter';
import type { ConnectionListQuery, HealthEventsQuery } from './connection-queries';
import type { ConnectionDto, ConnectionListDto, HealthEventDto } from '@datashare/api-types';
import { toConnectionDto, toHealthEventDto } from './connection-dto';

export type { ConnectionListDto } from '@datashare/api-types';

/** Current state (the latest stored event) and live window figures of every connection. */
@Injectable()
export class ConnectionsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly figures: ConnectionFiguresReader,
    private readonly log: HealthEventLog,
  ) {}

  async list(query: ConnectionListQuery): Promise<ConnectionListDto> {
    const nowMs = this.clock.nowMs();
    const [judged, latest] = await Promise.all([this.figures.read(nowMs), this.log.latest()]);
    const states = new Map(latest.map((event) => [connectionKeyOf(event), event]));
    const connections = judged
      .filter(({ connection }) => matchesConnectionFilter(connection, query))
      .map((j) => toConnectionDto(j, states.get(connectionKeyOf(j.connection)), windowEndMs(nowMs)))
      .filter((dto) => query.state === undefined || dto.state === query.state)
      // Worst first, then by name: what needs attention is at the top.
      .sort(
        (a, b) =>
          severity(b.state) - severity(a.state) ||
          connectionLabel(a).localeCompare(connectionLabel(b)),
      );
    return { at: new Date(nowMs).toISOString(), connections };
  }

  async events(query: HealthEventsQuery): Promise<{ events: HealthEventDto[] }> {
    const events = await this.log.list({ ...query, fromMs: query.from, toMs: query.to });
    return { events: events.map(toHealthEventDto) };
  }

  /** One agency's connections, as consumer and as provider; 404 when it has none. */
  async agencyConnections(agency: string): Promise<{
    asConsumer: ConnectionDto[];
    asProvider: ConnectionDto[];
  }> {
    const { connections } = await this.list({ agency });
    if (connections.length === 0) {
      throw new NotFoundException(`no connection has agency '${agency}' as consumer or provider`);
    }
    return {
      asConsumer: connections.filter((c) => belongsToAgency(c.consumer, agency)),
      asProvider: connections.filter((c) => belongsToAgency(c.provider, agency)),
    };
  }
}
