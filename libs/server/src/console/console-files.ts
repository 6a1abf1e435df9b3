import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** One file of the built page, ready to send. */
export interface ConsoleFile {
  body: Buffer;
  headers: Record<string, string>;
}

/** The built page: `index.html` and the hashed files under `assets/`, or why it is missing. */
export type ConsoleBuild =
  | { built: true; index: ConsoleFile; assets: ReadonlyMap<string, ConsoleFile> }
  | { built: false; reason: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Everything the page may load comes from the monitor itself: the policy makes a stray
 * reference to another origin fail in the browser instead of leaking the operator's visit.
 * Styles set from scripts (the chart's element.style) are not style attributes, so 'self' holds.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** What the page needs to know of the configuration, which is not secret. */
export interface PageSettings {
  /** GRAFANA_URL: the page links to it; null: no link. */
  grafanaUrl: string | null;
  /** REPORT_TIMEZONE: the zone whose dates the growth panel's presets name. */
  reportTimezone: string;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The settings go into the page as meta tags, so the page needs no extra request for them. */
export function withPageSettings(html: string, settings: PageSettings): string {
  const tags = [
    ['report-timezone', settings.reportTimezone],
    ...(settings.grafanaUrl === null ? [] : [['grafana-url', settings.grafanaUrl]]),
  ]
    .map(([name, value]) => `<meta name="${name}" content="${escapeAttribute(value ?? '')}" />\n`)
    .join('');
  return html.replace('</head>', `${tags}</head>`);
}

export function contentType(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName)] ?? 'application/octet-stream';
}

/**
 * Reads the page Vite built into `dir` once, at start: a few hundred kilobytes, served from
 * memory. Asset names carry a content hash, so they are cached for good; the page itself is
 * revalidated at every load so that an upgrade shows at once.
 */
export function readConsoleBuild(dir: string, settings: PageSettings): ConsoleBuild {
  const indexPath = path.join(dir, 'index.html');
  if (!existsSync(indexPath)) {
    return {
      built: false,
      reason: `the console is not built (no ${indexPath}): run npm run build`,
    };
  }
  const html = withPageSettings(readFileSync(indexPath, 'utf8'), settings);
  const index: ConsoleFile = {
    body: Buffer.from(html, 'utf8'),
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': contentType(indexPath),
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    },
  };
  const assetsDir = path.join(dir, 'assets');
  const names = existsSync(assetsDir) ? readdirSync(assetsDir) : [];
  const assets = new Map(
    names.map((name): [string, ConsoleFile] => [
      name,
      {
        body: readFileSync(path.join(assetsDir, name)),
        headers: {
          ...COMMON_HEADERS,
          'Content-Type': contentType(name),
          'Cache-Control': 'public, max-age=31536000, immutable',
        },
      },
    ]),
  );
  return { built: true, index, assets };
}
