import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  MappingType,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import {
  COLOURS,
  PROMETHEUS,
  clickhouse,
  fixedColour,
  sql,
  dashboard,
  finalize,
  graph,
  legend,
  prom,
  row,
} from './common';

export const PIPELINE_UID = 'datashare-pipeline';

const RATE = '$__rate_interval';
/** Every DataShare series has `app` (monitor, ingestor, api). */
const APP = 'app=~"$app"';

function histogramQuantiles(metric: string, by: string[] = []): ReturnType<typeof prom>[] {
  const labels = ['le', ...by].join(', ');
  const legendPrefix = by.map((l) => `{{${l}}} `).join('');
  return [0.5, 0.95, 0.99].map((q) =>
    prom(
      `histogram_quantile(${q}, sum by (${labels}) (rate(${metric}_bucket{${APP}}[${RATE}])))`,
      `${legendPrefix}p${Math.round(q * 100)}`,
    ),
  );
}

export function pipelineDashboard(): Dashboard {
  const builder = dashboard(
    PIPELINE_UID,
    'DataShare · Pipeline',
    'Ingestion from Kafka (or HTTP) into ClickHouse: events by result, rejections (and the latest ' +
      'ones from ClickHouse), batches, insert durations and errors, consumer lag, freshness, and ' +
      'the processes.',
  )
    .withVariable(
      new QueryVariableBuilder('app')
        .label('App')
        .datasource(PROMETHEUS)
        .query('label_values(process_start_time_seconds, app)')
        .definition('label_values(process_start_time_seconds, app)')
        .refresh(VariableRefresh.OnTimeRangeChanged)
        .sort(VariableSort.AlphabeticalAsc)
        .multi(true)
        .includeAll(true)
        .allValue('.*')
        .current({ selected: true, text: ['All'], value: ['$__all'] }),
    )
    .withRow(row('Ingest'))
    .withPanel(
      graph(
        'Events by result',
        'Events per second: accepted (stored), duplicate (a redelivered batch, stored once), ' +
          'rejected (kept aside with a reason).',
      )
        .withTarget(
          prom(
            `sum by (result) (rate(datashare_ingest_events_total{${APP}}[${RATE}]))`,
            '{{result}}',
          ),
        )
        .unit('reqps')
        .overrideByName('rejected', [fixedColour(COLOURS.red)]),
    )
    .withPanel(
      graph('Rejections by reason', 'Rejected events per second, by rejection code.')
        .withTarget(
          prom(
            `sum by (reason) (rate(datashare_ingest_rejections_total{${APP}}[${RATE}]))`,
            '{{reason}}',
          ),
        )
        .unit('reqps')
        .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
    )
    .withPanel(
      graph('Batch rows', 'Records per stored batch: quantiles and mean, and batches per second.')
        .targets([
          ...histogramQuantiles('datashare_ingest_batch_rows'),
          prom(
            `sum(rate(datashare_ingest_batch_rows_sum{${APP}}[${RATE}]))\n` +
              `/ sum(rate(datashare_ingest_batch_rows_count{${APP}}[${RATE}]))`,
            'mean',
          ),
          prom(`sum(rate(datashare_ingest_batch_rows_count{${APP}}[${RATE}]))`, 'batches/s'),
        ])
        .unit('short')
        .overrideByName('batches/s', [
          { id: 'unit', value: 'reqps' },
          { id: 'custom.axisPlacement', value: 'right' },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
        ]),
    )
    .withPanel(
      new table.PanelBuilder()
        .title('Latest rejections')
        .description(
          'The newest rejected events in the time range, from ClickHouse (rejections): when, the ' +
            'code and the reason, and where the event came from (Kafka partition and offset, or ' +
            'HTTP request and item). The redacted payload stays in ClickHouse.',
        )
        .withTarget(
          clickhouse(
            'table',
            sql`
            SELECT received_at AS "Received", reason_code AS "Code", reason AS "Reason",
                   source AS "Source",
                   if(source = 'kafka',
                      concat(topic, ' / ', toString(kafka_partition), ' @ ', toString(kafka_offset)),
                      concat(request_id, ' #', toString(item_index))) AS "From",
                   payload_bytes AS "Bytes"
            FROM datashare.rejections
            WHERE $__timeFilter(received_at)
            ORDER BY received_at DESC
            LIMIT 200
            `,
          ),
        )
        .cellHeight(common.TableCellHeight.Sm)
        .filterable(true)
        .overrideByName('Received', [{ id: 'custom.width', value: 190 }])
        .overrideByName('Code', [{ id: 'custom.width', value: 170 }])
        .overrideByName('Bytes', [
          { id: 'unit', value: 'bytes' },
          { id: 'custom.width', value: 90 },
        ])
        .noValue('no rejection in the time range')
        .height(8)
        .span(24),
    )
    .withRow(row('ClickHouse writes'))
    .withPanel(
      graph(
        'Insert duration',
        'Duration of a batch’s transactions insert into ClickHouse, retries included: quantiles by app.',
      )
        .targets(histogramQuantiles('datashare_clickhouse_insert_duration_seconds', ['app']))
        .unit('s')
        .min(0),
    )
    .withPanel(
      graph(
        'Insert errors by code',
        'Failed ClickHouse writes per second (each is retried), by ClickHouse error code or name.',
      )
        .withTarget(
          prom(
            `sum by (code) (rate(datashare_clickhouse_insert_errors_total{${APP}}[${RATE}]))`,
            '{{code}}',
          ),
        )
        .unit('reqps')
        .min(0)
        .noValue('no insert error'),
    )
    .withPanel(
      graph('Stored rows by app', 'Records stored per second by each process.')
        .withTarget(
          prom(
            `sum by (app, instance) (rate(datashare_ingest_batch_rows_sum{${APP}}[${RATE}]))`,
            '{{app}} {{instance}}',
          ),
        )
        .unit('reqps')
        .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
    )
    .withRow(row('Kafka and freshness'))
    .withPanel(
      graph(
        'Consumer lag per partition',
        'Messages between the committed offset and the end of each partition, at the last commit ' +
          '(the largest any ingestor reports).',
      )
        .withTarget(
          prom(
            `max by (topic, partition) (datashare_kafka_consumer_lag{${APP}})`,
            '{{topic}} / {{partition}}',
          ),
        )
        .unit('short')
        .min(0)
        .legend(legend('right', ['lastNotNull', 'max']))
        .noValue('no Kafka consumer'),
    )
    .withPanel(
      graph(
        'Freshness per process',
        'Now minus the newest event time stored by each process, per pipeline (kafka, direct).',
      )
        .withTarget(
          prom(
            `max by (pipeline, app, instance) (datashare_ingest_freshness_seconds{${APP}})`,
            '{{pipeline}} {{app}} {{instance}}',
          ),
        )
        .unit('s')
        .min(0),
    )
    .withPanel(
      graph(
        'Age of the newest stored event',
        'Now minus the newest event time stored by any process, per pipeline: how far behind the ' +
          'stored history is as a whole.',
      )
        .withTarget(
          prom(
            'time() - max by (pipeline) (\n' +
              `  datashare_ingest_last_stored_event_timestamp_seconds{${APP}}\n)`,
            '{{pipeline}}',
          ),
        )
        .unit('s')
        .min(0),
    )
    .withPanel(
      graph(
        'Time since the last stored batch',
        'Wall-clock time since each process last stored a batch, per pipeline: grows when the ' +
          'pipeline is stuck, while event-time freshness cannot tell a stuck pipeline from a quiet feed.',
      )
        .withTarget(
          prom(
            'time() - max by (pipeline, app, instance) (\n' +
              `  datashare_ingest_last_batch_timestamp_seconds{${APP}}\n)`,
            '{{pipeline}} {{app}} {{instance}}',
          ),
        )
        .unit('s')
        .min(0),
    )
    .withRow(row('Health evaluator'))
    .withPanel(
      graph(
        'Health evaluations',
        'Evaluations per minute by result; failed ones leave the connection states as they were.',
      )
        .withTarget(
          prom(
            `sum by (result) (rate(datashare_health_evaluations_total{${APP}}[$__rate_interval])) * 60`,
            '{{result}}',
          ),
        )
        .unit('short')
        .min(0),
    )
    .withPanel(
      graph(
        'Time since the last good evaluation',
        'How old the connection states are: more than a few evaluation intervals means the ' +
          'evaluator is failing or stopped.',
      )
        .withTarget(
          prom(
            'time() - max by (app, instance) (\n' +
              `  datashare_health_last_evaluation_timestamp_seconds{${APP}}\n)`,
            '{{app}} {{instance}}',
          ),
        )
        .unit('s')
        .min(0),
    )
    .withRow(row('Processes'))
    .withPanel(
      graph('CPU', 'CPU time per second of each process (1 = one core).')
        .withTarget(
          prom(
            `sum by (app, instance) (rate(process_cpu_seconds_total{${APP}}[${RATE}]))`,
            '{{app}} {{instance}}',
          ),
        )
        .unit('percentunit')
        .min(0),
    )
    .withPanel(
      graph('Memory', 'Resident memory and V8 heap in use of each process.')
        .withTarget(
          prom(
            `max by (app, instance) (process_resident_memory_bytes{${APP}})`,
            '{{app}} {{instance}} RSS',
          ),
        )
        .withTarget(
          prom(
            `sum by (app, instance) (nodejs_heap_size_used_bytes{${APP}})`,
            '{{app}} {{instance}} heap',
          ),
        )
        .unit('bytes')
        .min(0),
    )
    .withPanel(
      graph('Event loop lag', 'p99 of the Node.js event loop delay of each process.')
        .withTarget(
          prom(
            `max by (app, instance) (nodejs_eventloop_lag_p99_seconds{${APP}})`,
            '{{app}} {{instance}}',
          ),
        )
        .unit('s')
        .min(0),
    )
    .withPanel(
      new statetimeline.PanelBuilder()
        .title('Scrape targets')
        .description('Whether Prometheus could scrape each target.')
        .withTarget(prom('up', '{{job}} {{instance}}'))
        .mappings([
          {
            type: MappingType.ValueToText,
            options: {
              '0': { text: 'DOWN', color: COLOURS.red, index: 0 },
              '1': { text: 'up', color: COLOURS.green, index: 1 },
            },
          },
        ])
        .showValue(common.VisibilityMode.Auto)
        .mergeValues(true)
        .legend(legend())
        .height(8)
        .span(24),
    );
  return finalize(builder.build());
}
