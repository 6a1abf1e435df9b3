import { BadRequestException, Injectable } from '@nestjs/common';
import { type AuthenticatedPrincipal, decodeAccessLogCursor } from '@datashare/access';
import { AccessLog } from '@datashare/storage';
import { AccessTrail } from './access-trail';
import { type AuditLogDto, toAuditLogDto } from './history-dto';
import type { AuditLogQuery } from './history-queries';

/** The access trail as admins read it; reading it is itself recorded. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly log: AccessLog,
    private readonly trail: AccessTrail,
  ) {}

  async list(query: AuditLogQuery, principal: AuthenticatedPrincipal): Promise<AuditLogDto> {
    const after = query.cursor === undefined ? undefined : decodeAccessLogCursor(query.cursor);
    if (after === null) throw new BadRequestException('cursor: is not a cursor this API gave out');
    // A subject is searched, and recorded, as its pseudonym, as in the history itself.
    const { subjectRef } = this.trail.storedFilters(
      query.subjectId === undefined ? {} : { subjectId: query.subjectId },
    );
    const page = await this.log.list({
      limit: query.limit,
      ...(query.from === undefined ? {} : { fromMs: query.from }),
      ...(query.to === undefined ? {} : { toMs: query.to }),
      ...(query.principal === undefined ? {} : { principal: query.principal }),
      ...(query.transactionId === undefined ? {} : { transactionId: query.transactionId }),
      ...(subjectRef === undefined ? {} : { subjectRef }),
      ...(after === undefined ? {} : { after }),
    });
    await this.trail.record(
      principal,
      'GET /api/v1/audit-log',
      {
        from: query.from === undefined ? undefined : new Date(query.from).toISOString(),
        to: query.to === undefined ? undefined : new Date(query.to).toISOString(),
        principal: query.principal,
        transactionId: query.transactionId,
        subjectRef,
        limit: query.limit,
        cursor: query.cursor,
      },
      page.entries.length,
    );
    return toAuditLogDto(page);
  }
}
