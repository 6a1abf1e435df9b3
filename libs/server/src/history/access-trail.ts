import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '@datashare/access';
import { CLOCK, type Clock } from '@datashare/clock';
import type { SubjectPseudonymizer } from '@datashare/contract';
import {
  type HistoryFilterInput,
  type HistoryFilters,
  storedHistoryFilters,
} from '@datashare/history';
import { AccessLog } from '@datashare/storage';
import { PSEUDONYMIZER } from '../tokens';

/** A request's parameters as the trail keeps them: text, the subject only as its pseudonym. */
export type LoggedParameters = Record<string, string | number | undefined>;

/**
 * Records every look at the history in the access log: who, with which roles, when, which
 * endpoint, which parameters and how many records came back. A subject identifier is searched
 * and recorded by its pseudonym only; the identifier itself goes nowhere.
 */
@Injectable()
export class AccessTrail {
  constructor(
    private readonly log: AccessLog,
    @Inject(PSEUDONYMIZER) private readonly pseudonymizer: SubjectPseudonymizer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The filters as stored records are searched: `subjectId` becomes `subjectRef`. */
  storedFilters(input: HistoryFilterInput): HistoryFilters {
    return storedHistoryFilters(input, (id) => this.pseudonymizer.pseudonymize(id));
  }

  async record(
    principal: AuthenticatedPrincipal,
    endpoint: string,
    parameters: LoggedParameters,
    rows: number,
  ): Promise<void> {
    const filters: Record<string, string> = {};
    for (const [name, value] of Object.entries(parameters)) {
      if (value !== undefined) filters[name] = String(value);
    }
    await this.log.append({
      at: this.clock.nowMs(),
      principal: principal.name,
      roles: principal.roles,
      endpoint,
      filters,
      rows,
    });
  }
}
