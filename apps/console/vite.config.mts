import * as path from 'node:path';
import { defineConfig } from 'vite';

// The operations console: built with the apps (`npm run build`) into dist/apps/console, which
// the server's ConsoleModule serves at `/`. Everything is bundled: the page loads nothing from
// any other origin at run time.
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.join(root, '..', '..', 'dist', 'apps', 'console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // One small page: inline nothing, so that the content security policy needs no exceptions.
    assetsInlineLimit: 0,
  },
});
