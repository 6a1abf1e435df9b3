/**
 * Reading Grafana dashboard JSON (the model the foundation SDK builds and the provisioned files
 * hold): every query of every panel and template variable, with where it comes from.
 */

interface DataSourceRef {
  type?: string;
  uid?: string;
}

interface PanelJson {
  type: string;
  title?: string;
  datasource?: DataSourceRef;
  targets?: Record<string, unknown>[];
  panels?: PanelJson[];
}

interface VariableJson {
  type: string;
  name: string;
  datasource?: DataSourceRef;
  query?: unknown;
  multi?: boolean;
  includeAll?: boolean;
}

export interface DashboardJson {
  uid?: string;
  title?: string;
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
}

export interface GrafanaQuery {
  dashboard: string;
  /** `panel "<title>" query <refId>` or `variable <name>`. */
  where: string;
  /** The data source UID: `prometheus` or `clickhouse`. */
  datasource: string;
  /** PromQL (for a label_values() variable: its series selector), or the ClickHouse SQL. */
  text: string;
  /** ClickHouse: 0 time series, 1 table. */
  format?: number;
  panelType?: string;
}

export function dashboardPanels(dashboard: DashboardJson): PanelJson[] {
  const panels: PanelJson[] = [];
  const walk = (list: PanelJson[] | undefined) => {
    for (const panel of list ?? []) {
      panels.push(panel);
      walk(panel.panels);
    }
  };
  walk(dashboard.panels);
  return panels;
}

export function dashboardVariables(dashboard: DashboardJson): VariableJson[] {
  return dashboard.templating?.list ?? [];
}

/**
 * The series selector of a Prometheus variable query `label_values(<selector>, <label>)`, or
 * null for the forms without one (`label_values(<label>)`, `label_names()`).
 */
export function labelValuesSelector(query: string): string | null {
  const match = /^\s*label_values\(\s*(.+),\s*[a-zA-Z_]\w*\s*\)\s*$/s.exec(query);
  return match?.[1] ?? null;
}

/** Every query of the dashboard: panel targets and the variables' queries. */
export function dashboardQueries(dashboard: DashboardJson): GrafanaQuery[] {
  const uid = dashboard.uid ?? '(no uid)';
  const queries: GrafanaQuery[] = [];
  for (const panel of dashboardPanels(dashboard)) {
    for (const target of panel.targets ?? []) {
      const source = (target.datasource as DataSourceRef | undefined) ?? panel.datasource;
      const where = `panel "${panel.title}" query ${String(target.refId)}`;
      if (typeof target.expr === 'string') {
        queries.push({
          dashboard: uid,
          where,
          datasource: source?.uid ?? '',
          text: target.expr,
          panelType: panel.type,
        });
      } else if (typeof target.rawSql === 'string') {
        queries.push({
          dashboard: uid,
          where,
          datasource: source?.uid ?? '',
          text: target.rawSql,
          format: target.format as number,
          panelType: panel.type,
        });
      } else {
        throw new Error(`${uid}: ${where} has neither expr nor rawSql`);
      }
    }
  }
  for (const variable of dashboardVariables(dashboard)) {
    if (variable.type !== 'query') continue;
    const query = variable.query;
    const text =
      typeof query === 'string'
        ? query
        : ((query as { query?: string; rawSql?: string } | undefined)?.query ??
          (query as { rawSql?: string } | undefined)?.rawSql ??
          '');
    const where = `variable ${variable.name}`;
    if (variable.datasource?.uid === 'prometheus') {
      const selector = labelValuesSelector(text);
      if (selector === null)
        throw new Error(`${uid}: ${where} is not label_values(selector, label)`);
      queries.push({ dashboard: uid, where, datasource: 'prometheus', text: selector });
    } else {
      queries.push({ dashboard: uid, where, datasource: variable.datasource?.uid ?? '', text });
    }
  }
  return queries;
}

/** The names of the template variables a query refers to (`$name`, `${name}`, `${name:fmt}`). */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g)) {
    const name = match[1] ?? match[2] ?? '';
    if (!name.startsWith('__')) names.add(name);
  }
  return [...names];
}
