import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import type { ClickHouseDatabase } from '@datashare/storage';
import { Public } from './auth';
import { CLICKHOUSE, KAFKA } from './tokens';

type Check = { ok: true } | { ok: false; error: string };
const CHECK_TIMEOUT_MS = 3000;

/**
 * Liveness and readiness for orchestrators and load balancers. The checks run side by side,
 * and Kafka's through one admin client kept open between probes, so a probe costs one round
 * trip to each dependency rather than a new connection.
 */
@Controller()
@Public()
export class HealthController implements OnApplicationShutdown {
  private admin: Admin | null = null;

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
    const [clickhouse, kafka] = await Promise.all([
      check(() => this.pingClickHouse()),
      this.kafka && this.config.kafka ? check(() => this.describeKafka()) : null,
    ]);
    const checks: Record<string, Check> = { clickhouse, ...(kafka ? { kafka } : {}) };
    const ready = Object.values(checks).every((c) => c.ok);
    const body = { status: ready ? 'ready' : 'not ready', checks };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async pingClickHouse(): Promise<void> {
    const result = await this.db.client.ping();
    if (!result.success) throw result.error;
  }

  private async describeKafka(): Promise<void> {
    if (this.kafka === null) return;
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    try {
      await this.admin.connect();
      await this.admin.describeCluster();
    } catch (error) {
      // Start afresh on the next probe rather than reuse a client in an unknown state.
      const admin = this.admin;
      this.admin = null;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
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
