import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import {
  type ConnectionKey,
  type ConnectionState,
  type HealthTracker,
  advanceTracker,
  classifyConnection,
  trackerFromLastTransition,
} from '@datashare/health';
import { ConnectionMetrics, type EvaluatedConnection } from '@datashare/metrics';
import { HealthEventLog, connectionKeyOf } from '@datashare/storage';
import { ConnectionFiguresReader } from './connection-figures-reader';
import { LOGGER } from '../tokens';
import { HealthEventPublisher } from './health-event-publisher';
import type { StoredTransition } from './stored-transition';

const MAX_UNPUBLISHED = 10_000;

/**
 * Judges every connection every HEALTH_EVALUATION_INTERVAL_MS: window figures from the minute
 * rollup, classified by the rules of libs/health, through each connection's hysteresis; every
 * change is appended to the event log (and published on Kafka when configured). The trackers
 * start from each connection's last stored event, so a restart does not re-announce states.
 */
@Injectable()
export class ConnectionHealthEvaluator
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly trackers = new Map<string, HealthTracker>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private unpublished: StoredTransition[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly figures: ConnectionFiguresReader,
    private readonly log: HealthEventLog,
    private readonly publisher: HealthEventPublisher,
    private readonly metrics: ConnectionMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.restore();
    this.logger.info(
      { connections: this.trackers.size, intervalMs: this.config.health.evaluationIntervalMs },
      'connection health evaluator started',
    );
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.publisher.close();
  }

  /** Rebuilds every connection's hysteresis from its last stored event. */
  async restore(): Promise<void> {
    this.trackers.clear();
    for (const event of await this.log.latest()) {
      this.trackers.set(connectionKeyOf(event), trackerFromLastTransition(event));
    }
  }

  /** The state each connection is in now, as the hysteresis holds it. */
  stateOf(connection: ConnectionKey): ConnectionState {
    return this.trackers.get(connectionKeyOf(connection))?.state ?? 'unknown';
  }

  /**
   * One evaluation of every connection; returns the changes it stored. A change moves its
   * connection's tracker only once it is stored, so a failed append is evaluated again next
   * time rather than lost. A change stored but not yet on Kafka is published with the next.
   */
  async evaluate(): Promise<StoredTransition[]> {
    const nowMs = this.clock.nowMs();
    const transitions: StoredTransition[] = [];
    const moved = new Map<string, HealthTracker>();
    const evaluated: EvaluatedConnection[] = [];
    for (const { connection, thresholds, figures } of await this.figures.read(nowMs)) {
      const key = connectionKeyOf(connection);
      const step = advanceTracker(
        this.trackers.get(key) ?? trackerFromLastTransition(undefined),
        classifyConnection(figures, thresholds, nowMs),
        thresholds,
        nowMs,
      );
      if (step.transition) {
        transitions.push({ ...step.transition, connection });
        moved.set(key, step.tracker);
      } else {
        this.trackers.set(key, step.tracker);
      }
      evaluated.push({ connection, state: step.tracker.state, figures });
    }
    await this.log.append(transitions);
    for (const [key, tracker] of moved) this.trackers.set(key, tracker);
    this.metrics.update(evaluated);
    await this.publishPending(transitions);
    return transitions;
  }

  private async publishPending(transitions: readonly StoredTransition[]): Promise<void> {
    const batch = [...this.unpublished, ...transitions];
    try {
      await this.publisher.publish(batch);
      this.unpublished = [];
    } catch (error) {
      // Stored already; only the Kafka copy waits. Bounded, oldest dropped first.
      this.unpublished = batch.slice(-MAX_UNPUBLISHED);
      this.logger.warn(
        { err: error, waiting: this.unpublished.length },
        'connection state changes not yet published on Kafka; retrying with the next evaluation',
      );
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.evaluate()
        .then(
          (changes) => {
            this.metrics.evaluationEnded('ok', this.clock.nowMs());
            if (changes.length > 0)
              this.logger.info({ changes: changes.length }, 'connection states changed');
          },
          (error: unknown) => {
            this.metrics.evaluationEnded('failed', this.clock.nowMs());
            this.logger.error({ err: error }, 'connection health evaluation failed');
          },
        )
        .finally(() => {
          this.running = null;
          if (this.timer !== null) this.schedule(this.config.health.evaluationIntervalMs);
        });
    }, delayMs);
  }
}
