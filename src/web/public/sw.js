// Qudao's service worker (docs/decisions.md, "Offline on the dealer's phone"), written by hand and
// copied as it is by Vite from src/web/public; the server sends it with `cache-control: no-cache`,
// so a deploy's new worker is found on the next visit. It names no hashed file: those come
// from the index.html it fetches at install and from what the pages load through it.
//   navigations      network first, else the cached app shell (index.html)
//   /assets/*        cache first: content-hashed, never change
//   icons, manifest  network first, else cached
//   a few API reads  network first, else the last answer: who is signed in, the catalog, the order list
// Nothing else is cached, no other API answer and nothing but GET. A sign-in or sign-out empties
// the API cache, so one person's cached data never shows to the next on a shared phone.
const VERSION = 'v1';
const SHELL_CACHE = `qudao-shell-${VERSION}`;
const ASSET_CACHE = `qudao-assets-${VERSION}`;
const API_CACHE = `qudao-api-${VERSION}`;
const CACHES = [SHELL_CACHE, ASSET_CACHE, API_CACHE];
const SHELL = '/index.html';
const STATIC_FILES = ['/favicon.svg', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png', '/apple-touch-icon.png'];
const MAX_ASSETS = 300;
const MAX_API = 60;

/** GET reads the order form and the order list need offline; any query string, but no exports. */
const OFFLINE_READS = new Set(['/api/v1/auth/me', '/api/v1/products', '/api/v1/orders']);
const SESSION_CHANGES = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);
/** Paths the app does not render: swagger UI, the consumer's code page. */
const NOT_APP = /^\/(?:api|c)(?:\/|$)/;

/** Deletes the oldest entries beyond `max` (keys come in insertion order; a put moves its key last). */
async function trim(cache, max) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
}

/** Caches the files that are not cached yet (a file that fails is left for the next time). */
async function cacheFiles(urls) {
  const assets = await caches.open(ASSET_CACHE);
  const shell = await caches.open(SHELL_CACHE);
  await Promise.all(
    urls.map(async (url) => {
      const cache = url.startsWith('/assets/') ? assets : shell;
      if (await cache.match(url, { ignoreVary: true })) return;
      try {
        const response = await fetch(url);
        if (response.ok) await cache.put(url, response);
      } catch {
        // offline or gone: tried again at the next chance
      }
    }),
  );
  await trim(assets, MAX_ASSETS);
}

/** The shell, and the hashed files it starts with, read from its own script and link tags. */
async function cacheShell() {
  const response = await fetch(SHELL, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${SHELL}: ${response.status}`);
  const html = await response.clone().text();
  await (await caches.open(SHELL_CACHE)).put(SHELL, response);
  const hashed = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cacheFiles([...hashed, ...STATIC_FILES]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('qudao-') && !CACHES.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function navigation(event) {
  try {
    const response = await fetch(event.request);
    const type = response.headers.get('content-type') || '';
    // Every app path answers with index.html (the server's SPA fallback): the newest shell.
    if (response.status === 200 && type.startsWith('text/html')) {
      const copy = response.clone();
      event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.put(SHELL, copy)));
    }
    return response;
  } catch (error) {
    const shell = await caches.match(SHELL, { cacheName: SHELL_CACHE, ignoreVary: true });
    if (shell) return shell;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSET_CACHE);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    await trim(cache, MAX_ASSETS);
  }
  return response;
}

async function staticFile(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(SHELL_CACHE)).put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await caches.match(request, { cacheName: SHELL_CACHE, ignoreVary: true, ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}

/** Offline product search: the cached catalog pages (no `q`), filtered as the server would. */
async function searchCatalog(cache, url) {
  const q = (url.searchParams.get('q') || '').toLowerCase();
  const active = url.searchParams.get('active');
  const limit = Number(url.searchParams.get('limit')) || 50;
  const bySku = new Map();
  for (const key of await cache.keys()) {
    const cached = new URL(key.url);
    if (cached.pathname !== '/api/v1/products' || cached.searchParams.get('q') || cached.searchParams.get('category')) continue;
    const page = await (await cache.match(key)).json().catch(() => null);
    for (const product of page?.items ?? []) bySku.set(product.sku, product);
  }
  if (bySku.size === 0) return null;
  const items = [...bySku.values()]
    .filter((p) => (!q || p.sku.toLowerCase().includes(q) || String(p.name).toLowerCase().includes(q)) && (active === null || String(p.active) === active))
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .slice(0, limit);
  return new Response(JSON.stringify({ items, nextCursor: null }), { headers: { 'content-type': 'application/json; charset=utf-8', 'x-qudao-offline': 'catalog' } });
}

async function offlineRead(request, url) {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) {
      // Stored before the page sees it: what the dealer has seen is what is there offline.
      await cache.put(request, response.clone());
      await trim(cache, MAX_API);
    } else if (response.status === 401) {
      await caches.delete(API_CACHE);
    }
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreVary: true });
    if (hit) return hit;
    const found = url.pathname === '/api/v1/products' ? await searchCatalog(cache, url) : null;
    if (found) return found;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    if (SESSION_CHANGES.has(url.pathname)) event.waitUntil(caches.delete(API_CACHE));
    return;
  }
  if (request.mode === 'navigate') {
    if (!NOT_APP.test(url.pathname)) event.respondWith(navigation(event));
    return;
  }
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request));
  if (STATIC_FILES.includes(url.pathname)) return event.respondWith(staticFile(request));
  if (OFFLINE_READS.has(url.pathname) && !url.searchParams.has('format')) event.respondWith(offlineRead(request, url));
});
