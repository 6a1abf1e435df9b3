import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { CLOCK, type Clock, systemClock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig, resolveSubjectKey } from '@datashare/config';
import { SubjectPseudonymizer, createDecoder } from '@datashare/contract';
import { createKafkaClient } from '@datashare/kafka';
import {
  type ClickHouseDatabase,
  IngestLedger,
  TrafficCounts,
  TrafficSeries,
  ConnectionWindows,
  HealthEventLog,
  RejectionStore,
  TransactionStore,
  applyMigrations,
  assertRollupTimezone,
  indexExistingHistory,
  projectExistingHistory,
  applyRetention,
  openClickHouse,
} from '@datashare/storage';
import { CLICKHOUSE, DECODE, KAFKA, LOGGER, PSEUDONYMIZER } from './tokens';

/** Opens ClickHouse and brings its schema and retention up to date before anything uses it. */
async function openDatabase(config: AppConfig, logger: Logger): Promise<ClickHouseDatabase> {
  const db = await openClickHouse(config.clickhouse, config.dataDir, logger);
  const migrations = await applyMigrations(db, config.reporting.timezone);
  await assertRollupTimezone(db, config.reporting.timezone);
  const projected = await projectExistingHistory(db, config.reporting.timezone, migrations.applied);
  const indexed = await indexExistingHistory(db, config.reporting.timezone, migrations.applied);
  if (projected.length > 0)
    logger.info({ projected }, 'projected the existing history into new rollups');
  if (indexed.length > 0)
    logger.info({ indexed }, 'indexing the existing history in the background');
  const retention = await applyRetention(db, config.retention);
  logger.info(
    {
      mode: db.mode,
      database: db.database,
      applied: migrations.applied,
      retentionChanged: retention,
    },
    'ClickHouse ready',
  );
  return db;
}

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(CLICKHOUSE) private readonly db: ClickHouseDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** What every app shares: configuration, logger, clock, storage, the contract and Kafka. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CLOCK, useValue: systemClock },
        { provide: CLICKHOUSE, useFactory: () => openDatabase(config, logger) },
        DatabaseCloser,
        {
          provide: PSEUDONYMIZER,
          useFactory: () => new SubjectPseudonymizer(resolveSubjectKey(config)),
        },
        {
          provide: DECODE,
          inject: [PSEUDONYMIZER, CLOCK],
          useFactory: (pseudonymizer: SubjectPseudonymizer, clock: Clock) =>
            createDecoder({
              pseudonymize: (id) => pseudonymizer.pseudonymize(id),
              nowMs: () => clock.nowMs(),
              maxFutureSkewMs: config.ingest.maxFutureSkewMs,
              retentionDays: config.retention.rawDays,
            }),
        },
        {
          provide: KAFKA,
          useFactory: (): Kafka | null =>
            config.kafka ? createKafkaClient(config.kafka, logger) : null,
        },
        {
          provide: TransactionStore,
          inject: [CLICKHOUSE],
          useFactory: (db: ClickHouseDatabase) => new TransactionStore(db),
        },
        {
          provide: RejectionStore,
          inject: [CLICKHOUSE],
          useFactory: (db: ClickHouseDatabase) => new RejectionStore(db),
        },
        ...[IngestLedger, TrafficCounts, TrafficSeries, ConnectionWindows, HealthEventLog].map(
          (Store) => ({
            provide: Store,
            inject: [CLICKHOUSE],
            useFactory: (db: ClickHouseDatabase) => new Store(db),
          }),
        ),
      ],
      exports: [
        APP_CONFIG,
        LOGGER,
        CLOCK,
        CLICKHOUSE,
        PSEUDONYMIZER,
        DECODE,
        KAFKA,
        TransactionStore,
        RejectionStore,
        IngestLedger,
        TrafficCounts,
        TrafficSeries,
        ConnectionWindows,
        HealthEventLog,
      ],
    };
  }
}
