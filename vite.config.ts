import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt|webmanifest)$/;
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` (brotli 11) and `<file>.gz` (gzip 9) beside every text asset of at least
 * 1 KiB once the bundle (and the copied public dir) is on disk; @fastify/static serves them with
 * `preCompressed: true` (docs/decisions.md, "Compression and caching of what the server sends").
 * The slowest settings cost seconds once per build, never per request. A variant that is not
 * smaller than its source is not written, so the server falls back to the plain file.
 */
function precompress(): Plugin {
  return {
    name: 'qudao-precompress',
    apply: 'build',
    // After the chunks are written; the public dir was copied before they were.
    async writeBundle({ dir: outDir }) {
      if (!outDir) return;
      const targets = (await readdir(outDir, { recursive: true })).filter((name) => COMPRESSIBLE.test(name)).map((name) => path.join(outDir, name));
      await Promise.all(
        targets.map(async (file) => {
          const info = await stat(file);
          if (!info.isFile()) return;
          const raw = await readFile(file);
          const small = raw.length < MIN_BYTES;
          const [br, gz] = small
            ? [raw, raw]
            : await Promise.all([
                brotli(raw, {
                  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
                }),
                gzip(raw, { level: 9 }),
              ]);
          // Only a smaller variant is written; one left from an earlier build (watch mode) is removed,
          // or it would be served in place of the new file.
          await (br.length < raw.length ? writeFile(`${file}.br`, br) : rm(`${file}.br`, { force: true }));
          await (gz.length < raw.length ? writeFile(`${file}.gz`, gz) : rm(`${file}.gz`, { force: true }));
        }),
      );
    },
  };
}

// The web app lives in src/web and builds into dist/web, which the server serves.
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  // The manifest lets test/web-budget.test.ts add up the JavaScript each route starts with.
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 4000, manifest: true },
  server: { proxy: { '^/api/': { target: 'http://127.0.0.1:3000', changeOrigin: false } } },
});
