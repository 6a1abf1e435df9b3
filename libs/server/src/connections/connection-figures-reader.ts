import { Inject, Injectable } from '@nestjs/common';
import {
  type ConnectionKey,
  type HealthThresholds,
  type HealthThresholdsConfig,
  type WindowFigures,
  DEFAULT_HEALTH_THRESHOLDS,
  resolveThresholds,
} from '@datashare/health';
import { type ConnectionWindow, ConnectionWindows, connectionKeyOf } from '@datashare/storage';
import { HEALTH_THRESHOLDS } from './health-thresholds';

const HOUR_MS = 3_600_000;

export interface JudgedConnection {
  connection: ConnectionKey;
  thresholds: HealthThresholds;
  figures: WindowFigures;
}

/** Window figures of every connection, each over its own window and with its thresholds. */
@Injectable()
export class ConnectionFiguresReader {
  private readonly lookbackMs: number;

  constructor(
    @Inject(HEALTH_THRESHOLDS) private readonly thresholdsConfig: HealthThresholdsConfig,
    private readonly windows: ConnectionWindows,
  ) {
    // Long enough for every silence limit in the file, and an hour for "last seen" at least.
    this.lookbackMs = Math.max(
      HOUR_MS,
      DEFAULT_HEALTH_THRESHOLDS.silenceMs,
      thresholdsConfig.defaults.silenceMs ?? 0,
      ...[...thresholdsConfig.agencies.values()].map((t) => t.silenceMs ?? 0),
      ...thresholdsConfig.connections.map((c) => c.thresholds.silenceMs ?? 0),
    );
  }

  /**
   * Every connection is read over the default window first; connections whose thresholds
   * (their own entry or an agency's) ask for another window are read again over theirs.
   */
  async read(nowMs: number): Promise<JudgedConnection[]> {
    const defaults = this.thresholdsFor({ platform: '', consumer: '', provider: '' });
    const first = await this.readWindow(nowMs, defaults.windowMs);
    const judged: JudgedConnection[] = [];
    const otherWindows = new Map<number, Set<string>>();
    for (const { connection, figures } of first) {
      const thresholds = this.thresholdsFor(connection);
      if (thresholds.windowMs === defaults.windowMs) {
        judged.push({ connection, thresholds, figures });
      } else {
        const keys = otherWindows.get(thresholds.windowMs) ?? new Set<string>();
        otherWindows.set(thresholds.windowMs, keys.add(connectionKeyOf(connection)));
      }
    }
    for (const [windowMs, keys] of otherWindows) {
      for (const { connection, figures } of await this.readWindow(nowMs, windowMs)) {
        if (keys.has(connectionKeyOf(connection))) {
          judged.push({ connection, thresholds: this.thresholdsFor(connection), figures });
        }
      }
    }
    return judged;
  }

  private readWindow(nowMs: number, windowMs: number): Promise<ConnectionWindow[]> {
    return this.windows.read({
      nowMs,
      windowMs,
      lookbackMs: this.lookbackMs,
    });
  }

  private thresholdsFor(connection: ConnectionKey): HealthThresholds {
    return resolveThresholds(this.thresholdsConfig, connection);
  }
}
