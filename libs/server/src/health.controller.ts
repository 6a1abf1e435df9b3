import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import type { ClickHouseDatabase } from '@datashare/storage';
import { CLICKHOUSE, KAFKA } from './tokens';

type Check = { ok: true } | { ok: false; error: string };
const CHECK_TIMEOUT_MS = 3000;

/** Liveness and readiness for orchestrators and load balancers. */
@Controller()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLICKHOUSE) private readonly db: ClickHouseDatabase,
    @Inject(KAFKA) private readonly kafka: Kafka | null,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz() {
    const checks: Record<string, Check> = { clickhouse: await check(() => this.pingClickHouse()) };
    if (this.kafka && this.config.kafka) {
      const kafka = this.kafka;
      checks.kafka = await check(() => describeCluster(kafka));
    }
    const ready = Object.values(checks).every((c) => c.ok);
    const body = { status: ready ? 'ready' : 'not ready', checks };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }

  private async pingClickHouse(): Promise<void> {
    const result = await this.db.client.ping();
    if (!result.success) throw result.error;
  }
}

async function describeCluster(kafka: Kafka): Promise<void> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function check(probe: () => Promise<void>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
