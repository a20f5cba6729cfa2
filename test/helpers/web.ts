// What the browser tests share: Debian's chromium, the built web app and an independent yuan
// formatter to compare the screen with.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/server/config.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIR = path.join(projectRoot, 'dist/web');

/** `npm test` builds the web app first; a bare `vitest run` builds it here when it is missing, older than src/web, or from before the service worker. */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_DIR, 'index.html');
  if (existsSync(index) && existsSync(path.join(WEB_DIR, 'sw.js')) && statSync(index).mtimeMs >= statSync(path.join(projectRoot, 'src/web')).mtimeMs) return;
  const built = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed: the browser tests need dist/web');
}

/** ¥1,234.56 from integer fen, written independently of the app's formatter. */
export const yuanText = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
