import { Controller, Get, Inject, Module, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedPrincipal } from '@datashare/access';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import { AccessLog, type ClickHouseDatabase, TransactionHistory } from '@datashare/storage';
import { CurrentPrincipal, RequireRole } from '../auth';
import { parseQuery } from '../http/parse-query';
import { CLICKHOUSE } from '../tokens';
import { AccessTrail } from './access-trail';
import { AuditLogService } from './audit-log.service';
import type { AuditLogDto, HistoryPageDto, TransactionDto } from './history-dto';
import {
  auditLogQuery,
  historyExportQuery,
  historyPageQuery,
  transactionIdParam,
} from './history-queries';
import { TransactionHistoryService } from './transaction-history.service';

@Controller('api/v1/transactions')
@RequireRole('auditor')
export class TransactionHistoryController {
  private readonly pageQuery;
  private readonly exportQuery;

  constructor(
    private readonly history: TransactionHistoryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pageQuery = historyPageQuery(config.history.maxRangeDays);
    this.exportQuery = historyExportQuery(config.history.exportMaxRangeDays);
  }

  @Get()
  page(
    @Query() query: unknown,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
  ): Promise<HistoryPageDto> {
    return this.history.page(parseQuery(this.pageQuery, query), principal);
  }

  // Declared before ':transactionId', which would otherwise take "export" for an id.
  @Get('export')
  export(
    @Query() query: unknown,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Res() response: Response,
  ): Promise<void> {
    return this.history.export(parseQuery(this.exportQuery, query), principal, response);
  }

  @Get(':transactionId')
  transaction(
    @Param('transactionId') transactionId: string,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
  ): Promise<TransactionDto> {
    return this.history.transaction(
      parseQuery(transactionIdParam, transactionId, 'transactionId'),
      principal,
    );
  }
}

@Controller('api/v1/audit-log')
@RequireRole('admin')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  list(
    @Query() query: unknown,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
  ): Promise<AuditLogDto> {
    return this.auditLog.list(parseQuery(auditLogQuery, query), principal);
  }
}

/** The auditors' history, its export, and the access trail that records every look at them. */
@Module({
  controllers: [TransactionHistoryController, AuditLogController],
  providers: [
    {
      provide: TransactionHistory,
      inject: [CLICKHOUSE],
      useFactory: (db: ClickHouseDatabase) => new TransactionHistory(db),
    },
    // One per process: each process appends to a chain of its own.
    {
      provide: AccessLog,
      inject: [CLICKHOUSE],
      useFactory: (db: ClickHouseDatabase) => new AccessLog(db),
    },
    AccessTrail,
    TransactionHistoryService,
    AuditLogService,
  ],
})
export class HistoryModule {}
