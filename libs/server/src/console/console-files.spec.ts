import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CONTENT_SECURITY_POLICY, readConsoleBuild, withPageSettings } from './console-files';

const SETTINGS = { grafanaUrl: null, reportTimezone: 'Asia/Ho_Chi_Minh' };

describe('withPageSettings', () => {
  const html = '<html><head><title>x</title></head><body></body></html>';

  it('adds the report zone and the Grafana URL as meta tags, escaped for an attribute', () => {
    expect(
      withPageSettings(html, {
        grafanaUrl: 'https://grafana.example.org/d/a?x=1&y="2"',
        reportTimezone: 'UTC',
      }),
    ).toBe(
      '<html><head><title>x</title>' +
        '<meta name="report-timezone" content="UTC" />\n' +
        '<meta name="grafana-url" content="https://grafana.example.org/d/a?x=1&amp;y=&quot;2&quot;" />\n' +
        '</head><body></body></html>',
    );
  });

  it('has no Grafana tag without a URL', () => {
    expect(withPageSettings(html, SETTINGS)).toBe(
      '<html><head><title>x</title><meta name="report-timezone" content="Asia/Ho_Chi_Minh" />\n' +
        '</head><body></body></html>',
    );
  });
});

describe('readConsoleBuild', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'console-build-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says how to build the page when it is missing', () => {
    expect(readConsoleBuild(dir, SETTINGS)).toEqual({
      built: false,
      reason: expect.stringContaining('run npm run build'),
    });
  });

  it('serves the page revalidated under the policy, and hashed assets cached for good', () => {
    writeFileSync(path.join(dir, 'index.html'), '<head></head>');
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{}');
    const build = readConsoleBuild(dir, SETTINGS);
    if (!build.built) throw new Error(build.reason);
    expect(build.index.headers).toEqual(
      expect.objectContaining({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      }),
    );
    expect([...build.assets.keys()].sort()).toEqual(['index-abc123.css', 'index-abc123.js']);
    expect(build.assets.get('index-abc123.js')?.headers).toEqual(
      expect.objectContaining({
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=31536000, immutable',
      }),
    );
    expect(build.assets.get('index-abc123.css')?.body.toString()).toBe('body{}');
  });

  it('allows nothing from another origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
