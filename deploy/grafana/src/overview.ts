import * as common from '@grafana/grafana-foundation-sdk/common';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import {
  COLOURS,
  CONNECTION_STATES,
  connectionStateExpr,
  dashboard,
  dashboardUrl,
  finalize,
  fixedColour,
  graph,
  legend,
  prom,
  promInstant,
  promTable,
  row,
  stateCodeMappings,
  thresholds,
} from './common';
import { CONNECTION_UID } from './connection';

export const OVERVIEW_UID = 'datashare-overview';

const RATE = '$__rate_interval';

/** A link from a row of connection figures to the drill-down of that connection. */
const drillDown = {
  id: 'links',
  value: [
    {
      title: 'Open ${__data.fields.consumer} → ${__data.fields.provider}',
      url:
        `${dashboardUrl(CONNECTION_UID)}?var-platform=\${__data.fields.platform}` +
        '&var-consumer=${__data.fields.consumer}&var-provider=${__data.fields.provider}' +
        '&${__url_time_range}',
    },
  ],
};

function statPanel(title: string, description: string): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .description(description)
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .textMode(common.BigValueTextMode.Auto)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .height(5);
}

export function overviewDashboard(): Dashboard {
  const byState = statPanel(
    'Connections by state',
    'How many connections the health evaluator last judged to be in each state (evaluator instances deduplicated).',
  )
    .withTarget(
      promInstant(
        // One-hot: the sum per state counts the connections in it, 0 for a state none is in.
        'sum by (status) (max by (platform, consumer, provider, status) (datashare_connection_status))',
        '{{status}}',
      ),
    )
    .graphMode(common.BigValueGraphMode.None)
    .colorMode(common.BigValueColorMode.Background)
    .textMode(common.BigValueTextMode.ValueAndName)
    .noValue('0')
    .span(10);
  for (const s of CONNECTION_STATES) {
    byState.overrideByName(s.state, [
      { id: 'color', value: { mode: 'fixed', fixedColor: s.colour } },
      { id: 'displayName', value: s.text },
    ]);
  }

  const builder = dashboard(
    OVERVIEW_UID,
    'DataShare · Operations overview',
    'Every agency connection and its health state, transaction and failure rates, ingestion and firing alerts.',
  )
    .withRow(row('Now'))
    .withPanel(byState)
    .withPanel(
      statPanel(
        'Transactions',
        'Platform-reported transactions stored per second, all connections.',
      )
        .withTarget(promInstant(`sum(rate(datashare_transactions_total[${RATE}]))`))
        .unit('reqps')
        .decimals(1)
        .colorMode(common.BigValueColorMode.None)
        .span(4),
    )
    .withPanel(
      statPanel('Failure ratio', 'Failed / all platform-reported transactions, all connections.')
        .withTarget(
          promInstant(
            `sum(rate(datashare_transactions_total{outcome="failure"}[${RATE}]))\n` +
              `/ sum(rate(datashare_transactions_total[${RATE}]))`,
          ),
        )
        .unit('percentunit')
        .decimals(2)
        .thresholds(
          thresholds(
            { value: null, color: COLOURS.green },
            { value: 0.02, color: COLOURS.orange },
            { value: 0.1, color: COLOURS.red },
          ),
        )
        .span(4),
    )
    .withPanel(
      statPanel(
        'Ingest freshness',
        'Now minus the newest event time stored, worst pipeline of any process.',
      )
        .withTarget(promInstant('max(datashare_ingest_freshness_seconds)'))
        .unit('s')
        .decimals(0)
        .thresholds(
          thresholds(
            { value: null, color: COLOURS.green },
            { value: 60, color: COLOURS.orange },
            { value: 300, color: COLOURS.red },
          ),
        )
        .span(3),
    )
    .withPanel(
      statPanel('Firing alerts', 'Prometheus alerts firing now (the list is further down).')
        .withTarget(promInstant('count(ALERTS{alertstate="firing"}) or vector(0)'))
        .graphMode(common.BigValueGraphMode.None)
        .colorMode(common.BigValueColorMode.Background)
        .thresholds(
          thresholds({ value: null, color: COLOURS.green }, { value: 1, color: COLOURS.red }),
        )
        .span(3),
    )
    .withRow(row('Connections'))
    .withPanel(
      new table.PanelBuilder()
        .title('Connection states')
        .description(
          'Every connection (platform, consumer, provider) with the state the evaluator last gave it, ' +
            'worst first. The state is written out and coloured: healthy green, degraded orange, ' +
            'DOWN red, idle grey, unknown blue. Click a state to open the connection.',
        )
        .withTarget(promTable(connectionStateExpr()))
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true },
            indexByName: { platform: 0, consumer: 1, provider: 2, Value: 3 },
            renameByName: { Value: 'State' },
          },
        })
        .mappings(stateCodeMappings())
        .sortBy([new common.TableSortByFieldStateBuilder().displayName('State').desc(true)])
        .cellHeight(common.TableCellHeight.Sm)
        .filterable(true)
        .overrideByName('State', [
          {
            id: 'custom.cellOptions',
            value: {
              type: common.TableCellDisplayMode.ColorBackground,
              mode: common.TableCellBackgroundDisplayMode.Basic,
            },
          },
          { id: 'custom.width', value: 110 },
          drillDown,
        ])
        .noValue('no connection has been evaluated yet')
        .height(14)
        .span(10),
    )
    .withPanel(
      new statetimeline.PanelBuilder()
        .title('State history')
        .description('Each connection’s state over time, with the state written in each span.')
        .withTarget(
          prom(connectionStateExpr(), '{{consumer}} → {{provider}} ({{platform}})').interval('1m'),
        )
        .mappings(stateCodeMappings())
        .showValue(common.VisibilityMode.Auto)
        .mergeValues(true)
        .alignValue(common.TimelineValueAlignment.Left)
        .rowHeight(0.8)
        .legend(legend())
        .perPage(20)
        .height(14)
        .span(14),
    )
    .withRow(row('Traffic'))
    .withPanel(
      graph(
        'Transactions by outcome',
        'Platform-reported transactions stored per second, all connections.',
      )
        .withTarget(
          prom(`sum by (outcome) (rate(datashare_transactions_total[${RATE}]))`, '{{outcome}}'),
        )
        .unit('reqps')
        .overrideByName('failure', [fixedColour(COLOURS.red)])
        .overrideByName('success', [fixedColour(COLOURS.green)]),
    )
    .withPanel(
      graph('Failure ratio by platform', 'Failed / all platform-reported transactions.')
        .withTarget(
          prom(
            `sum by (platform) (rate(datashare_transactions_total{outcome="failure"}[${RATE}]))\n` +
              `/ sum by (platform) (rate(datashare_transactions_total[${RATE}]))`,
            '{{platform}}',
          ),
        )
        .unit('percentunit')
        .min(0),
    )
    .withPanel(
      graph(
        'Top 10 failing connections',
        'The connections with the most failed transactions per second.',
      )
        .withTarget(
          prom(
            'topk(10,\n  sum by (platform, consumer, provider) (\n' +
              `    rate(datashare_transactions_total{outcome="failure"}[${RATE}])\n  )\n)`,
            '{{consumer}} → {{provider}} ({{platform}})',
          ),
        )
        .unit('reqps')
        .legend(legend('right')),
    )
    .withRow(row('Ingestion and alerts'))
    .withPanel(
      graph('Ingest events by result', 'Events per second: accepted, duplicate, rejected.')
        .withTarget(
          prom(`sum by (result) (rate(datashare_ingest_events_total[${RATE}]))`, '{{result}}'),
        )
        .unit('reqps')
        .overrideByName('rejected', [fixedColour(COLOURS.red)]),
    )
    .withPanel(
      graph(
        'Ingest freshness',
        'Now minus the newest event time stored, per pipeline (kafka, direct), worst process.',
      )
        .withTarget(prom('max by (pipeline) (datashare_ingest_freshness_seconds)', '{{pipeline}}'))
        .unit('s')
        .min(0),
    )
    .withPanel(
      new table.PanelBuilder()
        .title('Firing alerts')
        .description('Alerts Prometheus evaluates as firing now, with their labels.')
        .withTarget(promTable('ALERTS{alertstate="firing"}'))
        .withTransformation({
          id: 'organize',
          options: {
            excludeByName: { Time: true, Value: true, __name__: true, alertstate: true },
            indexByName: { alertname: 0, severity: 1 },
          },
        })
        .noValue('no alert is firing')
        .cellHeight(common.TableCellHeight.Sm)
        .height(8)
        .span(8),
    );
  return finalize(builder.build());
}
