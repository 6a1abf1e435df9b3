import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  MappingType,
  QueryVariableBuilder,
  SpecialValueMatch,
  VariableHide,
  VariableRefresh,
  VariableSort,
  type Dashboard,
  type DynamicConfigValue,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
  CLICKHOUSE,
  COLOURS,
  clickhouse,
  dashboard,
  dedent,
  finalize,
  fixedColour,
  legend,
  multiTooltip,
  row,
  thresholds,
} from './common';

export const GROWTH_UID = 'datashare-growth';

/**
 * The zone whose calendar days traffic_day counts (REPORT_TIMEZONE, written into the table's
 * comment as `days in <zone>` when it was created), read from ClickHouse into a hidden variable.
 */
const TZ = "'${report_tz}'";

/** The filters, each dropped by the plugin's $__conditionalAll when its variable is All. */
const FILTERS = ['platform', 'consumer', 'provider']
  .map((name) => `$__conditionalAll(${name} IN (\${${name}:singlequote}), $${name})`)
  .join('\n  AND ');

/**
 * The two periods compared: the dashboard's time range [from, to) and the same local times a
 * year earlier, with for each the first report-zone day it holds whole and the day `to` falls
 * in (days before it end by `to`).
 */
const PERIODS = dedent(`
  WITH
    $__fromTime AS current_from,
    $__toTime AS current_to,
    subtractYears(toTimeZone(current_from, ${TZ}), 1) AS previous_from,
    subtractYears(toTimeZone(current_to, ${TZ}), 1) AS previous_to,
    toDate(current_from, ${TZ}) + (toStartOfDay(current_from, ${TZ}) < current_from) AS current_first_day,
    toDate(current_to, ${TZ}) AS current_end_day,
    toDate(previous_from, ${TZ}) + (toStartOfDay(previous_from, ${TZ}) < previous_from) AS previous_first_day,
    toDate(previous_to, ${TZ}) AS previous_end_day
`);

interface Key {
  /** The key of a traffic_day row, whose `day` is a report-zone date. */
  day: string;
  /** The key of a traffic_minute row, whose `minute` is a UTC minute. */
  minute: string;
}

/**
 * Distinct transactions (sum(transactions) of the rollups) in one period, by key: the whole
 * report-zone days from traffic_day, the partial days at either end from traffic_minute, so
 * that a range ending now is compared with the same hours a year earlier, as the growth API does.
 */
function periodRows(period: 'current' | 'previous', key: Key): string {
  const [from, to, first, end] = ['from', 'to', 'first_day', 'end_day'].map(
    (s) => `${period}_${s}`,
  );
  return dedent(`
    SELECT '${period}' AS period, ${key.day} AS key, sum(transactions) AS transactions
    FROM datashare.traffic_day
    WHERE day >= ${first} AND day < ${end}
      AND ${FILTERS.replaceAll('\n', '\n    ')}
    GROUP BY key
    UNION ALL
    SELECT '${period}' AS period, ${key.minute} AS key, sum(transactions) AS transactions
    FROM datashare.traffic_minute
    WHERE ((minute >= ${from} AND minute < least(${to}, toDateTime(${first}, ${TZ})))
        OR (${end} >= ${first} AND minute >= toDateTime(${end}, ${TZ}) AND minute < ${to}))
      AND ${FILTERS.replaceAll('\n', '\n    ')}
    GROUP BY key
  `);
}

/** Both periods' rows, as one subquery. */
function bothPeriods(current: Key, previous: Key): string {
  const indent = (sql: string) => sql.replaceAll('\n', '\n  ');
  return `(\n  ${indent(periodRows('current', current))}\n  UNION ALL\n  ${indent(periodRows('previous', previous))}\n)`;
}

const COMPARED = dedent(`
  sumIf(transactions, period = 'current') AS "This period",
  sumIf(transactions, period = 'previous') AS "Same period last year",
  toInt64("This period") - toInt64("Same period last year") AS "Change",
  if("Same period last year" = 0, NULL, 100 * "Change" / "Same period last year") AS "Growth"
`);

function growthBy(column: string, title: string): string {
  const key = { day: column, minute: column };
  return [
    PERIODS,
    `SELECT key AS "${title}",`,
    COMPARED.replace(/^/gm, '  '),
    `FROM ${bothPeriods(key, key)}`,
    'GROUP BY key',
    'ORDER BY "This period" DESC, "Same period last year" DESC',
  ].join('\n');
}

/** A ClickHouse variable that lists the codes the rollups hold, under the other filters. */
function codeVariable(name: string, label: string, after: string[]): QueryVariableBuilder {
  const filters = after.map(
    (other) => `\n  AND $__conditionalAll(${other} IN (\${${other}:singlequote}), $${other})`,
  );
  const query =
    `SELECT DISTINCT ${name} FROM datashare.traffic_day\n` +
    `WHERE day >= toDate(subtractYears($__fromTime, 1)) - 1 AND day <= toDate($__toTime) + 1` +
    `${filters.join('')}\nORDER BY ${name}`;
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(CLICKHOUSE)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

const GROWTH_MAPPINGS = [
  {
    type: MappingType.SpecialValue as const,
    options: { match: SpecialValueMatch.Null, result: { text: 'new (none last year)' } },
  },
];

const GROWTH_THRESHOLDS = thresholds(
  { value: null, color: COLOURS.red },
  { value: 0, color: COLOURS.text },
  { value: 0.000001, color: COLOURS.green },
);

/** The growth field wherever it is shown: percent to one decimal, coloured by its sign. */
function growthPercent(): DynamicConfigValue[] {
  return [
    { id: 'unit', value: 'percent' },
    { id: 'decimals', value: 1 },
    { id: 'mappings', value: GROWTH_MAPPINGS },
    { id: 'thresholds', value: GROWTH_THRESHOLDS.build() },
    { id: 'color', value: { mode: 'thresholds' } },
  ];
}

function growthTable(column: string, title: string): table.PanelBuilder {
  return new table.PanelBuilder()
    .title(`Growth by ${column}`)
    .description(
      `Distinct transactions per ${column} in the time range and in the same period last year, ` +
        'the change and the growth in percent.',
    )
    .withTarget(clickhouse('table', growthBy(column, title)))
    .cellHeight(common.TableCellHeight.Sm)
    .filterable(true)
    .overrideByName('Growth', [
      ...growthPercent(),
      { id: 'custom.cellOptions', value: { type: common.TableCellDisplayMode.ColorText } },
    ])
    .overrideByName('Change', [{ id: 'unit', value: 'short' }])
    .height(12)
    .span(12);
}

export function growthDashboard(): Dashboard {
  const perDay = [
    PERIODS,
    `SELECT toDateTime(key, ${TZ}) AS time,`,
    '  sumIf(transactions, period = \'current\') AS "This period",',
    '  sumIf(transactions, period = \'previous\') AS "Same period last year"',
    `FROM ${bothPeriods(
      { day: 'day', minute: `toDate(minute, ${TZ})` },
      { day: 'addYears(day, 1)', minute: `addYears(toDate(minute, ${TZ}), 1)` },
    )}`,
    'GROUP BY key',
    'ORDER BY key',
  ].join('\n');
  const totals = [
    PERIODS,
    'SELECT',
    COMPARED.replace(/^/gm, '  '),
    `FROM ${bothPeriods({ day: "''", minute: "''" }, { day: "''", minute: "''" })}`,
  ].join('\n');

  const builder = dashboard(
    GROWTH_UID,
    'DataShare · Growth',
    'Transactions in the time range against the same period last year, from the ClickHouse ' +
      'traffic rollups: distinct transactions as the carrying platform reported them.',
  )
    .time({ from: 'now-30d', to: 'now' })
    .refresh('5m')
    .withVariable(
      new QueryVariableBuilder('report_tz')
        .label('Report time zone')
        .description('The zone whose days traffic_day counts (REPORT_TIMEZONE), from its comment.')
        .datasource(CLICKHOUSE)
        .query(
          "SELECT replaceOne(comment, 'days in ', '') FROM system.tables\n" +
            "WHERE database = 'datashare' AND name = 'traffic_day'",
        )
        .definition('the zone of traffic_day (its comment)')
        .refresh(VariableRefresh.OnDashboardLoad)
        .hide(VariableHide.HideVariable),
    )
    .withVariable(codeVariable('platform', 'Platform', []))
    .withVariable(codeVariable('consumer', 'Consumer', ['platform']))
    .withVariable(codeVariable('provider', 'Provider', ['platform', 'consumer']))
    .withRow(row('This period against the same period last year'))
    .withPanel(
      new stat.PanelBuilder()
        .title('Transactions and growth')
        .description(
          'Distinct transactions in the time range [from, to) and in the same local times a year ' +
            'earlier; whole days of the report zone from traffic_day, partial days from ' +
            'traffic_minute. The same figures as GET /api/v1/growth?compare=previous_year.',
        )
        .withTarget(clickhouse('table', totals))
        .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
        .textMode(common.BigValueTextMode.ValueAndName)
        .graphMode(common.BigValueGraphMode.None)
        .colorMode(common.BigValueColorMode.None)
        .unit('short')
        .overrideByName('Growth', growthPercent())
        .overrideByName('Change', [{ id: 'decimals', value: 0 }])
        .height(5)
        .span(24),
    )
    .withPanel(
      new timeseries.PanelBuilder()
        .title('Transactions per day')
        .description(
          'Distinct transactions per report-zone day in the time range, and on the same days a year ' +
            'earlier (shifted onto this period). The first and last day count only the hours in the range.',
        )
        .withTarget(clickhouse('timeseries', perDay))
        .drawStyle(common.GraphDrawStyle.Bars)
        .barAlignment(common.BarAlignment.After)
        .fillOpacity(60)
        .lineWidth(1)
        .showPoints(common.VisibilityMode.Never)
        .unit('short')
        .min(0)
        .legend(legend('bottom', ['sum']))
        .tooltip(multiTooltip())
        .overrideByName('Same period last year', [fixedColour(COLOURS.grey)])
        .overrideByName('This period', [fixedColour(COLOURS.blue)])
        .height(10)
        .span(24),
    )
    .withRow(row('Breakdown'))
    .withPanel(growthTable('consumer', 'Consumer'))
    .withPanel(growthTable('provider', 'Provider'));
  return finalize(builder.build());
}
