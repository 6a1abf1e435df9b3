import type { ClickHouseDatabase, EncodedInsert } from './clickhouse-database';

/**
 * A table's rows as arrays (JSONCompactEachRow): its columns, and a row's values in their order.
 * Rows travel with about a third less insert time than as objects (bench/insert-formats.bench.ts);
 * an array literal per row is half the cost of mapping the column names over each row.
 */
export interface RowShape<Row> {
  columns: readonly (keyof Row & string)[];
  valuesOf: (row: Row) => unknown[];
}

/**
 * Rows of one table encoded for its insert as they are added, into one growing buffer outside
 * the JS heap. A batch that fills for a second then waits for its write holds no row objects
 * for the collector to copy and promote: in bench:ingest that was about 1 µs of CPU per event.
 */
export class EncodedRows<Row> {
  private readonly lines = new LineBuffer();

  constructor(readonly shape: RowShape<Row>) {}

  add(row: Row): void {
    this.lines.append(JSON.stringify(this.shape.valuesOf(row)));
  }

  get count(): number {
    return this.lines.count;
  }

  /** The rows so far, one per line: a view of the buffer, not a copy. */
  body(): Buffer {
    return this.lines.bytes();
  }
}

/**
 * The one way rows are inserted, as objects (JSONEachRow). The token is required: ClickHouse
 * drops a block whose token it has seen, which is what makes a replayed batch harmless. The
 * embedded engine also keeps settings for the rest of its session, so an insert without its own
 * token would silently reuse the previous one and be dropped as a duplicate.
 */
export async function insertRows<Row extends object>(
  db: ClickHouseDatabase,
  table: string,
  rows: readonly Row[],
  deduplicationToken: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertEncoded({
    table: `${db.database}.${table}`,
    format: 'JSONEachRow',
    body: encodeLines(rows, (row) => row),
    settings: insertSettings(db, deduplicationToken),
  });
}

/** insertRows for rows already encoded as arrays. */
export async function insertEncodedRows<Row>(
  db: ClickHouseDatabase,
  table: string,
  rows: EncodedRows<Row>,
  deduplicationToken: string,
): Promise<void> {
  if (rows.count === 0) return;
  await db.insertEncoded({
    table: `${db.database}.${table}`,
    format: 'JSONCompactEachRow',
    columns: rows.shape.columns,
    body: rows.body(),
    settings: insertSettings(db, deduplicationToken),
  });
}

function insertSettings(
  db: ClickHouseDatabase,
  deduplicationToken: string,
): EncodedInsert['settings'] {
  return {
    insert_deduplicate: 1,
    insert_deduplication_token: deduplicationToken,
    deduplicate_blocks_in_dependent_materialized_views: 1,
    // The rollup views of an insert run side by side instead of one after another: about 15%
    // less time per insert of the raw table (measured with 1,000-row inserts, embedded engine).
    parallel_view_processing: 1,
    // One thread parses the rows: splitting a batch among threads cost the engine about 8% more
    // CPU per row (4.4 against 4.8 µs, 300,000 rows, embedded) and saved no time while the
    // views' parts are written in parallel anyway.
    input_format_parallel_parsing: 0,
    // On a cluster: acknowledged only once every shard has its part (and deduplicated it
    // under the same token), not when the Distributed table has queued it.
    ...(db.cluster === null ? {} : { distributed_foreground_insert: 1 }),
  };
}

/**
 * One JSON value per line, as the JSON*EachRow formats read them, written straight into one
 * buffer: concatenating the lines into a string first costs about half as much again.
 */
export function encodeLines<Row>(rows: readonly Row[], toValue: (row: Row) => unknown): Buffer {
  const lines = new LineBuffer(rows.length * BYTES_PER_ROW_GUESS);
  for (const row of rows) lines.append(JSON.stringify(toValue(row)));
  return lines.bytes();
}

const BYTES_PER_ROW_GUESS = 256;
const FIRST_CAPACITY = 64 * 1024;
const NEWLINE = 0x0a;

/** Lines of text appended as UTF-8 to a buffer that doubles when full. */
class LineBuffer {
  private buffer: Buffer;
  private used = 0;
  count = 0;

  constructor(capacity = FIRST_CAPACITY) {
    this.buffer = Buffer.allocUnsafe(Math.max(capacity, FIRST_CAPACITY));
  }

  append(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
    const most = line.length * 3 + 1;
    if (this.buffer.length - this.used < most) this.grow(most);
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = NEWLINE;
    this.count++;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + needed));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}
