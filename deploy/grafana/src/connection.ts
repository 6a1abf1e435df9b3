import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
  COLOURS,
  PROMETHEUS,
  clickhouse,
  fixedColour,
  sql,
  connectionStateExpr,
  dashboard,
  finalize,
  graph,
  legend,
  prom,
  promInstant,
  row,
  stateCodeMappings,
  stateNameMappings,
  thresholds,
} from './common';

export const CONNECTION_UID = 'datashare-connection';

const RATE = '$__rate_interval';

/** The connection's label matchers, for every connection metric. */
const CONNECTION = 'platform="$platform", consumer="$consumer", provider="$provider"';

/** The same connection in ClickHouse: the plugin quotes each value (codes never hold quotes). */
const CONNECTION_SQL =
  'platform = ${platform:singlequote} AND consumer = ${consumer:singlequote}\n' +
  '  AND provider = ${provider:singlequote}';

/** A chained Prometheus variable: the values the connection metrics carry under the ones chosen. */
function labelVariable(name: string, label: string, matchers: string): QueryVariableBuilder {
  const query = `label_values(datashare_connection_status${matchers === '' ? '' : `{${matchers}}`}, ${name})`;
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(false)
    .includeAll(false);
}

function statPanel(title: string, description: string): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .description(description)
    .graphMode(common.BigValueGraphMode.None)
    .colorMode(common.BigValueColorMode.Value)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .height(4)
    .span(4);
}

export function connectionDashboard(): Dashboard {
  const builder = dashboard(
    CONNECTION_UID,
    'DataShare · Connection drill-down',
    'One connection (platform, consumer, provider): its state and what the evaluator judged, ' +
      'its traffic and failures, and from ClickHouse its state changes and its services.',
  )
    .withVariable(labelVariable('platform', 'Platform', ''))
    .withVariable(labelVariable('consumer', 'Consumer', 'platform="$platform"'))
    .withVariable(
      labelVariable('provider', 'Provider', 'platform="$platform", consumer="$consumer"'),
    )
    .withRow(row('Now (the evaluator’s last judgement)'))
    .withPanel(
      statPanel('State', 'The state the health evaluator last gave this connection.')
        .withTarget(promInstant(connectionStateExpr(CONNECTION)))
        .mappings(stateCodeMappings())
        .colorMode(common.BigValueColorMode.Background)
        .noValue('not evaluated'),
    )
    .withPanel(
      statPanel('Success ratio', 'Successful / all transactions in the evaluation window.')
        .withTarget(promInstant(`max(datashare_connection_success_ratio{${CONNECTION}})`))
        .unit('percentunit')
        .decimals(2)
        .thresholds(
          thresholds(
            { value: null, color: COLOURS.red },
            { value: 0.9, color: COLOURS.orange },
            { value: 0.98, color: COLOURS.green },
          ),
        )
        .noValue('no traffic in the window'),
    )
    .withPanel(
      statPanel('p95 latency', 'p95 latency in the evaluation window.')
        .withTarget(promInstant(`max(datashare_connection_latency_p95_seconds{${CONNECTION}})`))
        .unit('s')
        .noValue('no latencies in the window'),
    )
    .withPanel(
      statPanel('Last success', 'The last successful transaction seen in the look-back.')
        .withTarget(
          promInstant(
            `max(datashare_connection_last_success_timestamp_seconds{${CONNECTION}}) * 1000`,
          ),
        )
        .unit('dateTimeFromNow')
        .colorMode(common.BigValueColorMode.None)
        .noValue('none in the look-back'),
    )
    .withPanel(
      statPanel('Transactions in the window', 'Transactions in the evaluation window.')
        .withTarget(promInstant(`max(datashare_connection_window_transactions{${CONNECTION}})`))
        .unit('short')
        .colorMode(common.BigValueColorMode.None),
    )
    .withPanel(
      statPanel('Transactions', 'Platform-reported transactions stored per second.')
        .withTarget(promInstant(`sum(rate(datashare_transactions_total{${CONNECTION}}[${RATE}]))`))
        .unit('reqps')
        .decimals(2)
        .colorMode(common.BigValueColorMode.None),
    )
    .withRow(row('History'))
    .withPanel(
      new statetimeline.PanelBuilder()
        .title('State history')
        .description('The state over time, written in each span.')
        .withTarget(prom(connectionStateExpr(CONNECTION), 'state').interval('1m'))
        .mappings(stateCodeMappings())
        .showValue(common.VisibilityMode.Auto)
        .mergeValues(true)
        .legend(legend())
        .height(5)
        .span(24),
    )
    .withPanel(
      graph('Volume by outcome', 'Platform-reported transactions stored per second.')
        .withTarget(
          prom(
            `sum by (outcome) (rate(datashare_transactions_total{${CONNECTION}}[${RATE}]))`,
            '{{outcome}}',
          ),
        )
        .unit('reqps')
        .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
        .overrideByName('failure', [fixedColour(COLOURS.red)])
        .overrideByName('success', [fixedColour(COLOURS.green)]),
    )
    .withPanel(
      graph('Failures', 'Failed transactions per second, and their share of all transactions.')
        .withTarget(
          prom(
            `sum(rate(datashare_transactions_total{${CONNECTION}, outcome="failure"}[${RATE}]))`,
            'failures/s',
          ),
        )
        .withTarget(
          prom(
            `sum(rate(datashare_transactions_total{${CONNECTION}, outcome="failure"}[${RATE}]))\n` +
              `/ sum(rate(datashare_transactions_total{${CONNECTION}}[${RATE}]))`,
            'failure ratio',
          ),
        )
        .unit('reqps')
        .overrideByName('failure ratio', [
          { id: 'unit', value: 'percentunit' },
          { id: 'custom.axisPlacement', value: 'right' },
          fixedColour(COLOURS.red),
        ]),
    )
    .withPanel(
      graph(
        'Success ratio (evaluation window)',
        'Successful / all transactions in the window the evaluator judges.',
      )
        .withTarget(prom(`max(datashare_connection_success_ratio{${CONNECTION}})`, 'success ratio'))
        .unit('percentunit')
        .max(1),
    )
    .withPanel(
      graph('p95 latency (evaluation window)', 'p95 latency in the window the evaluator judges.')
        .withTarget(
          prom(`max(datashare_connection_latency_p95_seconds{${CONNECTION}})`, 'p95 latency'),
        )
        .unit('s')
        .min(0),
    )
    .withPanel(
      graph('Time since the last success', 'How long ago the last successful transaction was.')
        .withTarget(
          prom(
            `time() - max(datashare_connection_last_success_timestamp_seconds{${CONNECTION}})`,
            'since last success',
          ),
        )
        .unit('s')
        .min(0),
    )
    .withPanel(
      graph('Transactions in the evaluation window', 'Transactions the evaluator counted.')
        .withTarget(
          prom(`max(datashare_connection_window_transactions{${CONNECTION}})`, 'transactions'),
        )
        .unit('short')
        .min(0),
    )
    .withRow(row('From ClickHouse'))
    .withPanel(
      new table.PanelBuilder()
        .title('Health events')
        .description(
          'Every change of this connection’s state in the time range (connection_health_events), ' +
            'newest first: the state left, the state entered, the rule and the reason.',
        )
        .withTarget(
          clickhouse(
            'table',
            sql`
            SELECT at AS "At", previous_state AS "From", state AS "To", rule AS "Rule",
                   reason AS "Reason", figures AS "Figures"
            FROM datashare.connection_health_events
            WHERE $__timeFilter(at)
              AND ${CONNECTION_SQL}
            ORDER BY at DESC
            LIMIT 1000
            `,
          ),
        )
        .mappings(stateNameMappings())
        .cellHeight(common.TableCellHeight.Sm)
        .overrideByName('From', [
          { id: 'custom.cellOptions', value: { type: common.TableCellDisplayMode.ColorText } },
          { id: 'custom.width', value: 100 },
        ])
        .overrideByName('To', [
          {
            id: 'custom.cellOptions',
            value: {
              type: common.TableCellDisplayMode.ColorBackground,
              mode: common.TableCellBackgroundDisplayMode.Basic,
            },
          },
          { id: 'custom.width', value: 100 },
        ])
        .overrideByName('At', [{ id: 'custom.width', value: 190 }])
        .overrideByName('Figures', [
          { id: 'custom.cellOptions', value: { type: common.TableCellDisplayMode.JSONView } },
        ])
        .noValue('no state change in the time range')
        .height(9)
        .span(24),
    )
    .withPanel(
      new timeseries.PanelBuilder()
        .title('Volume by service')
        .description(
          'Distinct transactions per minute by service (traffic_minute), as the platform reported them.',
        )
        .withTarget(
          clickhouse(
            'timeseries',
            sql`
            SELECT toStartOfInterval(minute, toIntervalSecond(greatest($__interval_s, 60))) AS time,
                   service,
                   sum(transactions) / (greatest($__interval_s, 60) / 60) AS per_minute
            FROM datashare.traffic_minute
            WHERE $__timeFilter(minute)
              AND ${CONNECTION_SQL}
            GROUP BY time, service
            ORDER BY time
            `,
          ),
        )
        .unit('short')
        // One series per service (the plugin turns the service column into a label).
        .displayName('${__field.labels.service}')
        .legend(legend())
        .tooltip(
          new common.VizTooltipOptionsBuilder()
            .mode(common.TooltipDisplayMode.Multi)
            .sort(common.SortOrder.Descending),
        )
        .drawStyle(common.GraphDrawStyle.Line)
        .fillOpacity(20)
        .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
        .showPoints(common.VisibilityMode.Never)
        .axisLabel('transactions / min')
        .height(9)
        .span(12),
    )
    .withPanel(
      new table.PanelBuilder()
        .title('Services in the time range')
        .description(
          'Per service over the time range (traffic_minute): transactions, failures, failure ratio ' +
            'and latency quantiles (quantileTiming, platform reports).',
        )
        .withTarget(
          clickhouse(
            'table',
            sql`
            SELECT service AS "Service",
                   sum(transactions) AS "Transactions",
                   sumIf(transactions, outcome = 'failure') AS "Failures",
                   "Failures" / nullIf("Transactions", 0) AS "Failure ratio",
                   quantilesTimingMerge(0.5, 0.95, 0.99)(latency_ms) AS q,
                   q[1] / 1000 AS "p50", q[2] / 1000 AS "p95", q[3] / 1000 AS "p99",
                   max(last_seen) AS "Last seen"
            FROM datashare.traffic_minute
            WHERE $__timeFilter(minute)
              AND ${CONNECTION_SQL}
            GROUP BY service
            ORDER BY "Transactions" DESC
            `,
          ),
        )
        .withTransformation({ id: 'organize', options: { excludeByName: { q: true } } })
        .cellHeight(common.TableCellHeight.Sm)
        .overrideByName('Failure ratio', [
          { id: 'unit', value: 'percentunit' },
          { id: 'decimals', value: 2 },
        ])
        .overrideByRegexp('^p\\d+$', [{ id: 'unit', value: 's' }])
        .height(9)
        .span(12),
    );
  return finalize(builder.build());
}
