import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  MappingType,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type Dashboard,
  type DataSourceRef,
  type DynamicConfigValue,
  type Panel,
  type RowPanel,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** The provisioned data sources (provisioning/datasources/datasources.yml): fixed UIDs. */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: 'prometheus' };
export const CLICKHOUSE: DataSourceRef = {
  type: 'grafana-clickhouse-datasource',
  uid: 'clickhouse',
};

/** Every dashboard carries this tag; the dashboard links list the dashboards that have it. */
export const TAG = 'datashare';

/** Grafana's named colours, and grey for `idle` (Grafana has no named grey). */
export const COLOURS = {
  green: 'green',
  orange: 'orange',
  red: 'red',
  blue: 'blue',
  grey: '#8e8e8e',
  text: 'text',
} as const;

/** A field override that paints a series in one of COLOURS. */
export function fixedColour(colour: string): DynamicConfigValue {
  return { id: 'color', value: { mode: 'fixed', fixedColor: colour } };
}

/**
 * Connection health states with the codes of the `state` Enum8 of connection_health_events
 * (migration 0005), the colour each is shown in, and the words shown with it (never colour alone).
 */
export const CONNECTION_STATES = [
  { state: 'unknown', code: 0, colour: COLOURS.blue, text: 'unknown' },
  { state: 'healthy', code: 1, colour: COLOURS.green, text: 'healthy' },
  { state: 'idle', code: 2, colour: COLOURS.grey, text: 'idle' },
  { state: 'degraded', code: 3, colour: COLOURS.orange, text: 'degraded' },
  { state: 'down', code: 4, colour: COLOURS.red, text: 'DOWN' },
] as const;

/**
 * One numeric state per connection from the one-hot `datashare_connection_status`: each state's
 * series times its code, the active one survives (the others are 0), `max` over evaluator
 * instances (several may export the same connection) keeps the worst. `unknown` is 0.
 */
export function connectionStateExpr(matchers = ''): string {
  const sep = matchers === '' ? '' : ', ';
  const terms = CONNECTION_STATES.filter((s) => s.code > 0).map(
    (s) => `datashare_connection_status{${matchers}${sep}status="${s.state}"} * ${s.code}`,
  );
  return `max by (platform, consumer, provider) (\n  ${terms.join('\n  or ')}\n)`;
}

/** Numeric codes (Prometheus) to state words and colours. */
export function stateCodeMappings(): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: Object.fromEntries(
        CONNECTION_STATES.map((s, index) => [
          String(s.code),
          { text: s.text, color: s.colour, index },
        ]),
      ),
    },
  ];
}

/** State words (ClickHouse Enum8 values) to the same words and colours. */
export function stateNameMappings(): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: Object.fromEntries(
        CONNECTION_STATES.map((s, index) => [s.state, { text: s.text, color: s.colour, index }]),
      ),
    },
  ];
}

/** A PromQL range query. */
export function prom(expr: string, legend?: string): prometheus.DataqueryBuilder {
  const query = new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(expr)
    .range();
  return legend === undefined ? query : query.legendFormat(legend);
}

/** A PromQL instant query as a table (one row per series, labels as columns). */
export function promTable(expr: string): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(expr)
    .instant()
    .format(prometheus.PromQueryFormat.Table);
}

/** A PromQL instant query (stat panels). */
export function promInstant(expr: string, legend?: string): prometheus.DataqueryBuilder {
  const query = new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(expr)
    .instant();
  return legend === undefined ? query : query.legendFormat(legend);
}

/**
 * The query model of the ClickHouse plugin (grafana-clickhouse-datasource v4) in SQL mode:
 * `rawSql` with the plugin's macros, `format` as sqlds' FormatQueryOption (0 time series,
 * 1 table), `queryType` for Explore. The SDK has no ClickHouse types, so this builds the JSON.
 */
export interface ClickHouseQuery {
  datasource: DataSourceRef;
  editorType: 'sql';
  format: 0 | 1;
  queryType: 'timeseries' | 'table';
  rawSql: string;
  refId?: string;
}

class ClickHouseQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(private readonly query: ClickHouseQuery) {}

  build(): cog.Dataquery {
    return { ...this.query, _implementsDataqueryVariant() {} };
  }
}

export function clickhouse(format: 'table' | 'timeseries', rawSql: string): ClickHouseQueryBuilder {
  return new ClickHouseQueryBuilder({
    datasource: CLICKHOUSE,
    editorType: 'sql',
    format: format === 'table' ? 1 : 0,
    queryType: format,
    rawSql: dedent(rawSql),
  });
}

/**
 * A template tag for SQL in the source: the template's own indentation is removed before the
 * values are put in, so that a multi-line value keeps the indentation it was written with.
 */
export function sql(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  const parts = dedent(strings.join('\u0000')).split('\u0000');
  return parts.map((part, i) => (i === 0 ? part : `${values[i - 1]}${part}`)).join('');
}

/** Removes the indentation the SQL has in the source, and the blank first and last lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut).trimEnd()).join('\n');
}

export function thresholds(
  ...steps: { value: number | null; color: string }[]
): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);
}

export function legend(
  placement: 'bottom' | 'right' = 'bottom',
  calcs: string[] = [],
): common.VizLegendOptionsBuilder {
  return new common.VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(calcs.length > 0 ? common.LegendDisplayMode.Table : common.LegendDisplayMode.List)
    .placement(
      placement === 'bottom' ? common.LegendPlacement.Bottom : common.LegendPlacement.Right,
    )
    .calcs(calcs);
}

export function multiTooltip(): common.VizTooltipOptionsBuilder {
  return new common.VizTooltipOptionsBuilder()
    .mode(common.TooltipDisplayMode.Multi)
    .sort(common.SortOrder.Descending);
}

/** A time series panel with a legend and a shared tooltip. */
export function graph(title: string, description: string): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .legend(legend())
    .tooltip(multiTooltip())
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .height(8)
    .span(8);
}

export function row(title: string): RowBuilder {
  return new RowBuilder(title);
}

/** The dashboard settings every DataShare dashboard shares. */
export function dashboard(uid: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags([TAG])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .timezone('browser')
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .link(
      new DashboardLinkBuilder('DataShare dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags([TAG])
        .asDropdown(true)
        .keepTime(true)
        .includeVars(false)
        .targetBlank(false),
    );
}

/** The URL of a dashboard by UID (Grafana redirects /d/<uid> to the slugged address). */
export function dashboardUrl(uid: string): string {
  return `/d/${uid}`;
}

/**
 * What the builders leave to the caller: panel ids (unique, in order), query refIds (A, B, …
 * per panel), and the panel's data source (the one its queries use; one per panel).
 */
export function finalize(built: Dashboard): Dashboard {
  let id = 0;
  const fix = (panel: Panel | RowPanel): void => {
    panel.id = ++id;
    if (panel.type === 'row') {
      for (const inner of (panel as RowPanel).panels) fix(inner);
      return;
    }
    const targets = ((panel as Panel).targets ?? []) as unknown as {
      refId?: string;
      datasource?: DataSourceRef;
    }[];
    const sources = new Set(targets.map((t) => t.datasource?.uid));
    if (sources.size > 1) throw new Error(`panel "${panel.title}" mixes data sources`);
    targets.forEach((target, index) => {
      target.refId = String.fromCharCode(65 + index);
    });
    const datasource = targets[0]?.datasource;
    if (datasource !== undefined) (panel as Panel).datasource = datasource;
  };
  for (const panel of built.panels ?? []) fix(panel);
  // Empty lists rather than absent ones, as Grafana saves them.
  built.templating = { list: built.templating?.list ?? [] };
  built.annotations = { list: built.annotations?.list ?? [] };
  // Links in the dashboard's top bar, where every Grafana version shows them (the SDK's default
  // placement tucks them into the controls menu of Grafana 12).
  for (const link of built.links ?? []) delete link.placement;
  return built;
}
