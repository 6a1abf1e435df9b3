import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import {
  type ConnectionKey,
  type HealthThresholds,
  type HealthThresholdsConfig,
  type WindowFigures,
  resolveThresholds,
} from '@datashare/health';
import { ConnectionWindows } from '@datashare/storage';
import { HEALTH_THRESHOLDS } from './health-thresholds';

export interface JudgedConnection {
  connection: ConnectionKey;
  thresholds: HealthThresholds;
  figures: WindowFigures;
}

/**
 * Window figures of every connection, each over its own window (thresholds can differ per
 * connection or agency): one rollup read per distinct window length, usually just one.
 */
@Injectable()
export class ConnectionFiguresReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HEALTH_THRESHOLDS) private readonly thresholdsConfig: HealthThresholdsConfig,
    private readonly windows: ConnectionWindows,
  ) {}

  async read(nowMs: number): Promise<JudgedConnection[]> {
    const judged: JudgedConnection[] = [];
    const defaults = this.thresholdsFor({ platform: '', consumer: '', provider: '' });
    const groups = new Map<number, number>([[defaults.windowMs, defaults.silenceMs]]);
    for (const entry of this.thresholdsConfig.connections) {
      const t = this.thresholdsFor(entry.connection);
      groups.set(t.windowMs, Math.max(groups.get(t.windowMs) ?? 0, t.silenceMs));
    }
    for (const [windowMs, silenceMs] of groups) {
      const rows = await this.windows.read({
        nowMs,
        windowMs,
        // Agency overrides may ask for a longer silence than any connection entry names.
        lookbackMs: Math.max(silenceMs, 60 * 60_000),
        reportTimezone: this.config.reporting.timezone,
      });
      for (const { connection, figures } of rows) {
        const thresholds = this.thresholdsFor(connection);
        if (thresholds.windowMs === windowMs) judged.push({ connection, thresholds, figures });
      }
    }
    return judged;
  }

  private thresholdsFor(connection: ConnectionKey): HealthThresholds {
    return resolveThresholds(this.thresholdsConfig, connection);
  }
}
