import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedPrincipal } from '@datashare/access';
import {
  encodeCursor,
  exportFileName,
  exportHeader,
  exportLine,
  loggedHistoryParameters,
} from '@datashare/history';
import { TransactionHistory } from '@datashare/storage';
import { LOGGER } from '../tokens';
import { AccessTrail } from './access-trail';
import {
  type HistoryPageDto,
  type TransactionDto,
  toHistoryPageDto,
  toTransactionDto,
} from './history-dto';
import type { HistoryExportQuery, HistoryPageQuery } from './history-queries';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
} as const;

/**
 * The auditors' reads of the raw history. Each one is recorded in the access trail before its
 * answer leaves: a page or a transaction once its records are read, an export when it starts
 * and again, with the records sent, when it ends.
 */
@Injectable()
export class TransactionHistoryService {
  constructor(
    private readonly history: TransactionHistory,
    private readonly trail: AccessTrail,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async page(query: HistoryPageQuery, principal: AuthenticatedPrincipal): Promise<HistoryPageDto> {
    const filters = this.trail.storedFilters(query.filters);
    const page = await this.history.page({
      fromMs: query.fromMs,
      toMs: query.toMs,
      filters,
      order: query.order,
      limit: query.limit,
      ...(query.after === undefined ? {} : { after: query.after }),
    });
    await this.trail.record(
      principal,
      'GET /api/v1/transactions',
      loggedHistoryParameters(query, filters, {
        limit: query.limit,
        cursor: query.after === undefined ? undefined : encodeCursor(query.after),
      }),
      page.records.length,
    );
    return toHistoryPageDto(page);
  }

  async transaction(
    transactionId: string,
    principal: AuthenticatedPrincipal,
  ): Promise<TransactionDto> {
    const records = await this.history.recordsOf(transactionId);
    await this.trail.record(
      principal,
      'GET /api/v1/transactions/{transactionId}',
      { transactionId },
      records.length,
    );
    if (records.length === 0) {
      throw new NotFoundException(`no record of transaction ${transactionId} is stored`);
    }
    return toTransactionDto(transactionId, records);
  }

  /**
   * Streams the records a page at a time, waiting for the client to take each one: memory stays
   * that of one page whatever the export's size. A client that goes away ends the export.
   */
  async export(
    query: HistoryExportQuery,
    principal: AuthenticatedPrincipal,
    response: Response,
  ): Promise<void> {
    const filters = this.trail.storedFilters(query.filters);
    const logged = loggedHistoryParameters(query, filters, { format: query.format });
    const endpoint = 'GET /api/v1/transactions/export';
    await this.trail.record(principal, `${endpoint} (started)`, logged, 0);
    let sent = 0;
    let outcome: 'completed' | 'interrupted' = 'interrupted';
    const gone = new Promise<void>((resolve) => response.once('close', () => resolve()));
    try {
      response.status(200);
      response.setHeader('Content-Type', CONTENT_TYPES[query.format]);
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="${exportFileName(query.fromMs, query.toMs, query.format)}"`,
      );
      response.setHeader('Cache-Control', 'no-store');
      response.write(exportHeader(query.format));
      const pages = this.history.export({ ...query, filters });
      for await (const records of pages) {
        if (response.destroyed) break;
        let chunk = '';
        for (const record of records) chunk += exportLine(query.format, record);
        sent += records.length;
        if (!response.write(chunk)) {
          await Promise.race([new Promise((resolve) => response.once('drain', resolve)), gone]);
        }
      }
      if (!response.destroyed) {
        response.end();
        outcome = 'completed';
      }
    } catch (error) {
      if (!response.headersSent) throw error;
      // The status line is gone: all that is left is to cut the download short.
      this.logger.error({ err: error, sent }, 'export failed after it started');
      response.destroy(error as Error);
    } finally {
      await this.trail.record(principal, `${endpoint} (${outcome})`, logged, sent);
    }
  }
}
