import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const QUERIES_DIR = path.join(__dirname, '..', 'queries');
const texts = new Map<string, string>();

/**
 * The text of `queries/<name>.sql` with its comment lines dropped and `{{db}}` filled in. Values
 * never go into the text: they are bound as `{name:Type}` parameters by the caller.
 */
export function namedQuery(name: string, database: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8')
      .split('\n')
      .filter((line) => !line.trim().startsWith('--'))
      .join('\n')
      .trim();
    texts.set(name, text);
  }
  return text.replaceAll('{{db}}', database);
}
