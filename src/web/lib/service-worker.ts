// The offline side of the app (docs/decisions.md, "Offline on the dealer's phone"). In production
// builds it registers /sw.js (src/web/public/sw.js), which caches the app shell and the few reads
// a dealer needs offline. In every build it loads the order list page once the user is known,
// which starts sending order drafts written offline (lib/offline-orders.ts) and, with the worker,
// caches the page so it opens offline even if the dealer never opened it online.
import type { Me } from '../../shared/schemas/auth.js';
import { ME_KEY, queryClient } from './queryClient';

/** The order list of a user who may see orders, once signed in (loading it starts the draft sync). */
async function loadOrderPages(): Promise<void> {
  const user = await new Promise<Me['user']>((resolve) => {
    const check = () => {
      const found = queryClient.getQueryData<Me['user'] | null>(ME_KEY);
      if (found) resolve(found);
      return found;
    };
    if (check()) return;
    const stop = queryClient.getQueryCache().subscribe(() => check() && stop());
  });
  // The order form needs no such help: it is offline-ready only once opened online (its prices).
  if (user.permissions.includes('orders.read')) await import('../features/trade/OrderListPage');
}

async function register(): Promise<void> {
  const sw = navigator.serviceWorker;
  await sw.register('/sw.js');
  if (!sw.controller) await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  // With a worker that answers reads from its cache, a query is worth trying while the browser
  // says it is offline; TanStack Query would otherwise park it until the `online` event.
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, networkMode: 'offlineFirst' } });
  await loadOrderPages();
  // The app's files loaded before the worker controlled the page, fetched again through it (from
  // the HTTP cache): it keeps what it serves.
  const files = performance.getEntriesByType('resource').map((e) => new URL(e.name));
  await Promise.allSettled(files.filter((u) => u.origin === location.origin && /^\/(?:assets\/|[^/]+\.(?:svg|png|webmanifest)$)/.test(u.pathname)).map((u) => fetch(u)));
  // The browser tests wait for this before they go offline.
  document.documentElement.dataset.offlineReady = 'true';
}

window.addEventListener(
  'load',
  () =>
    // Service workers need a secure context (https, or http://localhost / 127.0.0.1); the dev
    // server serves modules, not the built files the worker caches.
    void (import.meta.env.PROD && 'serviceWorker' in navigator && isSecureContext ? register() : loadOrderPages()).catch((error: unknown) => console.warn('offline support:', error)),
  { once: true },
);
