import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import { TransactionIntake } from '@datashare/ingestion';
import {
  CallbackEventSink,
  LiveTrafficRunner,
  createRng,
  createTrafficModel,
  buildConnections,
  DEFAULT_CATALOGUE,
  parseIncidentSpec,
} from '@datashare/simulator';
import { LOGGER } from './tokens';

/**
 * Simulated national traffic for `npm start`, sent through the same intake as HTTP ingest:
 * validated, then into the in-process pipeline or, with Kafka configured, onto the topic.
 */
@Injectable()
class SimulatedTraffic implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: LiveTrafficRunner;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) clock: Clock,
    @Inject(LOGGER) logger: Logger,
    intake: TransactionIntake,
  ) {
    const nowMs = clock.nowMs();
    const connections = buildConnections(DEFAULT_CATALOGUE);
    const incidents = config.simulation.incidents.map((spec) =>
      parseIncidentSpec(spec, connections, { fromMs: nowMs, durationMs: 10 * 60_000 }),
    );
    const model = createTrafficModel({
      peakEventsPerSecond: config.simulation.peakEventsPerSecond,
      incidents,
    });
    let sent = 0;
    this.runner = new LiveTrafficRunner({
      model,
      clock: () => clock.nowMs(),
      rng: createRng(nowMs >>> 0),
      idPrefix: `SIM-${randomUUID().slice(0, 8)}`,
      sink: new CallbackEventSink(async (events) => {
        const items = events.map((event, index) => ({
          index,
          payload: Buffer.from(JSON.stringify(event)),
        }));
        await intake.ingest(items, `simulator-${++sent}`);
      }),
      onError: (error) => logger.warn({ err: error }, 'simulated traffic could not be sent'),
    });
  }

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }
}

@Module({ providers: [SimulatedTraffic] })
export class SimulationModule {}
