/**
 * What Grafana and the ClickHouse plugin (grafana-clickhouse-datasource v4) do to a panel's
 * `rawSql` before ClickHouse sees it, reproduced so that the dashboards' SQL can be run against
 * the real schema in tests. In the plugin's order:
 *
 * 1. `$__conditionalAll(<condition>, $var)` (frontend): `1=1` when the variable is All
 *    (`$__all`) or has no value, otherwise the condition.
 * 2. Template variables (Grafana's template service with the plugin's formatter):
 *    `${var:singlequote}` → `'a','b'`; `$var` / `${var}` → the value as it is, or `'a','b'` for
 *    several values. A variable with no value given (or All outside $__conditionalAll) is an error.
 * 3. Macros (the plugin's backend, pkg/macros): `$__timeFilter(col)` →
 *    `col >= toDateTime(<from s>) AND col <= toDateTime(<to s>)`, `$__timeFilter_ms(col)` (with
 *    fromUnixTimestamp64Milli), `$__dateFilter(col)` (toDate('YYYY-MM-DD')), `$__fromTime` /
 *    `$__toTime` → `toDateTime(<s>)`, `$__fromTime_ms` / `$__toTime_ms`,
 *    `$__timeInterval(col)` → `toStartOfInterval(toDateTime(col), INTERVAL <n> second)`,
 *    `$__interval_s` → `<n>`. Any other `$__…` is an error.
 * 4. The database: the dashboards name the default database `datashare` (`datashare.<table>`,
 *    and `'datashare'` in system-table lookups); the test database's name replaces it.
 */

/** Grafana's value of a variable set to All (without a custom all value). */
export const ALL = '$__all';
export type VariableValue = string | readonly string[];

export interface ClickHouseInterpolation {
  fromMs: number;
  toMs: number;
  /** Grafana's interval for the panel, seconds ($__interval_s, $__timeInterval). */
  intervalSeconds: number;
  variables: Record<string, VariableValue>;
  /** The database to run in, instead of `datashare`. */
  database: string;
}

/** The arguments of a macro call starting at `open` (the index of its `(`), and its end. */
function macroArguments(sql: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | null = null;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) {
        args.push(sql.slice(start, i).trim());
        return { args, end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(sql.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error(`unclosed macro call in: ${sql.slice(open - 20)}`);
}

/** Replaces every call of a macro `$__<name>(…)`, innermost last (as the plugin does). */
function replaceCalls(sql: string, name: string, expand: (args: string[]) => string): string {
  const token = `$__${name}(`;
  let out = sql;
  for (let at = out.lastIndexOf(token); at !== -1; at = out.lastIndexOf(token)) {
    const { args, end } = macroArguments(out, at + token.length - 1);
    out = out.slice(0, at) + expand(args) + out.slice(end);
  }
  return out;
}

const quoteAll = (values: readonly string[]) =>
  values.map((v) => `'${v.replaceAll("'", "\\'")}'`).join(',');

export function interpolateClickHouseSql(sql: string, options: ClickHouseInterpolation): string {
  const { variables } = options;
  // 1. $__conditionalAll
  let out = replaceCalls(sql, 'conditionalAll', (args) => {
    const [condition = '', variable = ''] = args;
    const name = /^\$\{?(\w+)/.exec(variable)?.[1];
    if (args.length !== 2 || name === undefined) {
      throw new Error(`$__conditionalAll needs (condition, $variable): ${args.join(', ')}`);
    }
    const value = variables[name];
    if (value === undefined) throw new Error(`no value for the variable ${name}`);
    const values: readonly string[] = typeof value === 'string' ? [value] : value;
    return values.length === 0 || values.includes(ALL) ? '1=1' : condition;
  });
  // 2. template variables (not the macros, which start with __)
  out = out.replace(
    /\$\{(\w+)(?::(\w+))?\}|\$(\w+)/g,
    (whole, braced?: string, format?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      if (name.startsWith('__')) return whole;
      const value = variables[name];
      if (value === undefined || (typeof value === 'string' ? [value] : value).includes(ALL)) {
        throw new Error(`no value for the variable ${whole} (All is only for $__conditionalAll)`);
      }
      const values: readonly string[] = typeof value === 'string' ? [value] : value;
      if (format === 'singlequote') return quoteAll(values);
      if (format !== undefined) throw new Error(`the format ${format} of ${whole} is not handled`);
      return typeof value === 'string' ? value : quoteAll(values);
    },
  );
  // 3. macros
  const from = Math.floor(options.fromMs / 1000);
  const to = Math.floor(options.toMs / 1000);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const one = (name: string, args: string[]) => {
    if (args.length !== 1) throw new Error(`$__${name} takes one argument: ${args.join(', ')}`);
    return args[0] ?? '';
  };
  out = replaceCalls(out, 'timeFilter_ms', (args) => {
    const col = one('timeFilter_ms', args);
    return `${col} >= fromUnixTimestamp64Milli(${options.fromMs}) AND ${col} <= fromUnixTimestamp64Milli(${options.toMs})`;
  });
  out = replaceCalls(out, 'timeFilter', (args) => {
    const col = one('timeFilter', args);
    return `${col} >= toDateTime(${from}) AND ${col} <= toDateTime(${to})`;
  });
  out = replaceCalls(out, 'dateFilter', (args) => {
    const col = one('dateFilter', args);
    return `${col} >= toDate('${day(options.fromMs)}') AND ${col} <= toDate('${day(options.toMs)}')`;
  });
  out = replaceCalls(
    out,
    'timeInterval',
    (args) =>
      `toStartOfInterval(toDateTime(${one('timeInterval', args)}), INTERVAL ${Math.max(
        options.intervalSeconds,
        1,
      )} second)`,
  );
  out = out
    .replaceAll('$__fromTime_ms', `fromUnixTimestamp64Milli(${options.fromMs})`)
    .replaceAll('$__toTime_ms', `fromUnixTimestamp64Milli(${options.toMs})`)
    .replaceAll('$__fromTime', `toDateTime(${from})`)
    .replaceAll('$__toTime', `toDateTime(${to})`)
    .replaceAll('$__interval_s', String(Math.max(Math.floor(options.intervalSeconds), 1)));
  const left = /\$__\w+/.exec(out);
  if (left !== null) throw new Error(`the macro ${left[0]} is not handled in:\n${out}`);
  // 4. the database
  return out
    .replace(/\bdatashare\./g, `${options.database}.`)
    .replaceAll("'datashare'", `'${options.database}'`);
}
