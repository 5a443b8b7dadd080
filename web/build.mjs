// Bundles web/src into internal/web/ui/dist, which `sitrep serve` embeds.
// Usage: node build.mjs [--watch]
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const out = join(here, '..', 'internal', 'web', 'ui', 'dist');
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const options = {
  entryPoints: { app: join(src, 'main.js') },
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: !watch,
  sourcemap: false,
  legalComments: 'linked',
  outdir: out,
  logLevel: 'info',
};

// app.css is plain CSS, bundled separately so index.html links it.
const cssOptions = {
  entryPoints: { app: join(src, 'app.css') },
  bundle: true,
  minify: !watch,
  outdir: out,
  logLevel: 'info',
};

await writeFile(join(out, 'index.html'), await readFile(join(src, 'index.html')));
// Natural Earth country shapes (public domain), so the map needs no network.
await copyFile(require.resolve('world-atlas/countries-50m.json'), join(out, 'countries.json'));

if (watch) {
  const a = await esbuild.context(options);
  const b = await esbuild.context(cssOptions);
  await Promise.all([a.watch(), b.watch()]);
} else {
  await esbuild.build(options);
  await esbuild.build(cssOptions);
}
