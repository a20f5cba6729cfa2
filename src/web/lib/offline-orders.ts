// Orders written without a network (docs/decisions.md, "Offline on the dealer's phone"): a draft
// is kept on the phone with the idempotency key made when the dealer pressed submit and the
// figures the dealer saw; when the network is back each draft is re-quoted and sent with that same
// key, so a retry after a lost response cannot place it twice, and a price or credit change in
// between waits for the dealer's confirmation. Also the prices and credit last quoted online,
// which the order form prices from while offline.
import type { Problem } from '../../shared/errors.js';
import type { Me } from '../../shared/schemas/auth.js';
import type { Product } from '../../shared/schemas/catalog.js';
import type { CreateOrderBody, Order, OrderQuote, OrderQuoteBody } from '../../shared/schemas/orders.js';
import { api, ApiError, isApiError, request, type ListPage } from './api';
import { ME_KEY, queryClient } from './queryClient';
import { shortfallBeyond } from '../../shared/credit.js';

const DRAFTS_KEY = 'qudao.orderDrafts.v1';
const PRICES_KEY = 'qudao.offlinePrices.v1';
/** How often pending drafts are tried while the browser believes it is online (the `online` event does not always come). */
const RETRY_MS = 30_000;

/** The two figures a draft is checked against before it is sent. */
export interface DraftFigures {
  totalFen: number;
  availableCreditFen: number;
}

export interface OrderDraft {
  /** made when the dealer pressed submit; sent with every attempt; also the draft's id */
  idempotencyKey: string;
  /** whose draft: only the user who wrote it sends it */
  userId: string;
  body: CreateOrderBody;
  /** what the dealer saw when pressing submit, or confirmed since; `estimated` when priced offline */
  seen: DraftFigures & { estimated: boolean };
  /** the lines as priced on screen, for the list */
  lines: { sku: string; productName: string; quantity: number; unitPriceFen: number | null }[];
  createdAt: string;
  /** pending: sent when online; confirm: the figures changed, waits for the dealer; failed: refused, waits for the dealer */
  state: 'pending' | 'confirm' | 'failed';
  /** the re-quoted figures while they differ from `seen` */
  now?: DraftFigures & { changed: ('total' | 'credit')[] };
  /** the last refusal or failure (status 0: no network) */
  error?: { status: number; problem: Partial<Problem>; message: string };
  /** a POST of this draft may have reached the server (its answer may have been lost) */
  attempted: boolean;
}

export type DraftDecision = { action: 'send' } | { action: 'ask'; now: DraftFigures & { changed: ('total' | 'credit')[] } } | { action: 'keep'; problems: OrderQuote['problems'] };

/**
 * What to do with a draft given a fresh quote of its lines: keep it when a line can no longer be
 * ordered, ask the dealer when the total or the available credit differs from what the dealer saw,
 * send it otherwise. When an earlier attempt may have reached the server, the order may already
 * exist and hold its own total against the credit: that credit is what the dealer saw, not a change.
 */
export function decideDraft(
  draft: Pick<OrderDraft, 'seen' | 'attempted'>,
  quote: Pick<OrderQuote, 'totalFen' | 'problems'> & { credit: Pick<OrderQuote['credit'], 'availableCreditFen'> },
): DraftDecision {
  if (quote.problems.length > 0) return { action: 'keep', problems: quote.problems };
  const changed: ('total' | 'credit')[] = [];
  if (quote.totalFen !== draft.seen.totalFen) changed.push('total');
  const credit = quote.credit.availableCreditFen;
  const sameCredit = credit === draft.seen.availableCreditFen || (draft.attempted && credit === draft.seen.availableCreditFen - quote.totalFen);
  if (!sameCredit) changed.push('credit');
  if (changed.length === 0) return { action: 'send' };
  return { action: 'ask', now: { totalFen: quote.totalFen, availableCreditFen: credit, changed } };
}

/** A UUID v4; crypto.randomUUID exists only in secure contexts (not on plain http to a LAN address). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Places an order; the key makes a repeat of the same request answer with the first order (as useCreateOrder does). */
export const placeOrder = (body: CreateOrderBody, idempotencyKey: string) => request<Order>('POST', '/orders', { body, headers: { 'idempotency-key': idempotencyKey } });

export const quoteOrder = (body: OrderQuoteBody, signal?: AbortSignal) => request<OrderQuote>('POST', '/orders/quote', { body, signal });

// ---- storage ----
function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function readDrafts(): OrderDraft[] {
  const all = readJson<unknown>(DRAFTS_KEY, []);
  return Array.isArray(all) ? (all as OrderDraft[]).filter((d) => d && typeof d.idempotencyKey === 'string' && d.body) : [];
}

/** Throws when the phone cannot store it (storage full or disabled): the caller must say so. */
function writeDrafts(drafts: OrderDraft[]): void {
  localStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  emit();
}

function updateDraft(key: string, patch: Partial<OrderDraft>): void {
  writeDrafts(readDrafts().map((d) => (d.idempotencyKey === key ? { ...d, ...patch } : d)));
}

/** Keeps a new draft; throws when it cannot be stored. */
export function saveDraft(draft: Omit<OrderDraft, 'createdAt' | 'state' | 'attempted'> & { attempted?: boolean }): OrderDraft {
  const full: OrderDraft = { createdAt: new Date().toISOString(), state: 'pending', attempted: false, ...draft };
  writeDrafts([...readDrafts().filter((d) => d.idempotencyKey !== full.idempotencyKey), full]);
  return full;
}

export function discardDraft(key: string): void {
  writeDrafts(readDrafts().filter((d) => d.idempotencyKey !== key));
}

// ---- what the screens subscribe to ----
export interface SentNotice {
  key: string;
  orderId: string;
  number: string;
}

export interface DraftSnapshot {
  drafts: OrderDraft[];
  sending: ReadonlySet<string>;
  sent: SentNotice[];
}

const listeners = new Set<() => void>();
const inFlight = new Set<string>();
let sent: SentNotice[] = [];
let snapshot: DraftSnapshot | null = null;

function emit(): void {
  snapshot = null;
  listeners.forEach((l) => l());
}

/** For useSyncExternalStore (no React here: this module loads beside the first screen, apart from it). */
export function subscribeDrafts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** All drafts (oldest first), those being sent now, and those sent in this session; the same object until one changes. */
export const draftSnapshot = (): DraftSnapshot => (snapshot ??= { drafts: readDrafts(), sending: new Set(inFlight), sent });

/** For useSyncExternalStore with navigator.onLine. */
export function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function dismissSent(key: string): void {
  sent = sent.filter((s) => s.key !== key);
  emit();
}

// ---- sending ----
const currentUser = () => queryClient.getQueryData<Me['user'] | null>(ME_KEY) ?? null;

/** Once per draft across the phone's tabs (Web Locks where available); the key guards the rest. */
async function exclusively<T>(key: string, work: () => Promise<T>, busy: T): Promise<T> {
  if (!navigator.locks) return work();
  return navigator.locks.request(`qudao-draft:${key}`, { ifAvailable: true }, (lock) => (lock ? work() : busy));
}

/** offline: no network, tried again later; pending: another transient failure, tried again later */
export type SendOutcome = 'sent' | 'ask' | 'kept' | 'pending' | 'offline' | 'busy' | 'gone';

/** No network, a server or gateway failure, an ended session, rate limiting: worth trying again by itself later. */
const isTransient = (e: ApiError) => e.status === 0 || e.status >= 500 || e.status === 401 || e.status === 429;

function settle(key: string, error: unknown): SendOutcome {
  if (!isApiError(error)) throw error;
  const stored = { status: error.status, problem: error.problem, message: error.message };
  const transient = isTransient(error);
  updateDraft(key, { state: transient ? 'pending' : 'failed', error: stored });
  if (!transient) return 'kept';
  return error.status === 0 ? 'offline' : 'pending';
}

/**
 * Re-quotes a draft and, when its figures are what the dealer saw, sends it with its own key; the
 * draft goes only once the server has answered with the order (201, or the replay of the first).
 */
export async function sendDraft(key: string): Promise<SendOutcome> {
  if (inFlight.has(key)) return 'busy';
  inFlight.add(key);
  emit();
  try {
    return await exclusively(
      key,
      async (): Promise<SendOutcome> => {
        const draft = readDrafts().find((d) => d.idempotencyKey === key);
        if (!draft) return 'gone';
        let quote: OrderQuote;
        try {
          quote = await quoteOrder({ dealerId: draft.body.dealerId, lines: draft.body.lines });
        } catch (error) {
          return settle(key, error);
        }
        const decision = decideDraft(draft, quote);
        if (decision.action === 'keep') {
          const detail = decision.problems.map((p) => `${p.sku} ${p.message}`).join('; ');
          const errors = decision.problems.map((p) => ({ path: `/lines/${p.index}/sku`, message: p.message }));
          updateDraft(key, { state: 'failed', error: { status: 422, problem: { code: 'BUSINESS_RULE', detail, errors }, message: detail } });
          return 'kept';
        }
        if (decision.action === 'ask') {
          updateDraft(key, { state: 'confirm', now: decision.now, error: undefined });
          return 'ask';
        }
        updateDraft(key, { attempted: true });
        try {
          const order = await placeOrder(draft.body, key);
          writeDrafts(readDrafts().filter((d) => d.idempotencyKey !== key));
          sent = [...sent.filter((s) => s.key !== key), { key, orderId: order.id, number: order.number }];
          void queryClient.invalidateQueries({ queryKey: ['trade'] });
          return 'sent';
        } catch (error) {
          return settle(key, error);
        }
      },
      'busy',
    );
  } finally {
    inFlight.delete(key);
    emit();
  }
}

/** The dealer accepts the new figures: they become what the dealer saw, and the draft is sent (re-quoted once more). */
export function confirmDraft(key: string): Promise<SendOutcome> {
  const draft = readDrafts().find((d) => d.idempotencyKey === key);
  if (draft?.now) updateDraft(key, { seen: { totalFen: draft.now.totalFen, availableCreditFen: draft.now.availableCreditFen, estimated: false }, now: undefined, state: 'pending' });
  return sendDraft(key);
}

let flushing: Promise<void> | null = null;
let again = false;

/** Sends the signed-in user's pending drafts, one after another. */
export function flushDrafts(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      const user = currentUser();
      if (!user || !navigator.onLine) return;
      for (const draft of readDrafts()) {
        if (draft.userId !== user.id || draft.state !== 'pending') continue;
        // No network after all: the others would fail the same way.
        if ((await sendDraft(draft.idempotencyKey)) === 'offline') break;
      }
    } while (again);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * Sends pending drafts now (once the user is known), when the network returns, when the app is
 * shown again and every half minute. Runs once this module is loaded in a browser: the order pages
 * import it, and lib/service-worker.ts loads them at app start for a user who may order.
 */
function startDraftSync(): void {
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && event.query.queryKey.join('/') === ME_KEY.join('/')) void flushDrafts();
  });
  window.addEventListener('online', () => void flushDrafts());
  window.addEventListener('storage', (event) => {
    if (event.key === DRAFTS_KEY) emit();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flushDrafts();
  });
  setInterval(() => {
    if (navigator.onLine && readDrafts().some((d) => d.state === 'pending' && d.userId === currentUser()?.id)) void flushDrafts();
  }, RETRY_MS);
  void flushDrafts();
}

// ---- prices for offline order entry ----
interface PriceBook {
  /** when the credit figures were quoted */
  at: string;
  tier: OrderQuote['tier'];
  prices: Record<string, { productName: string; unit: string; unitPriceFen: number }>;
  credit: OrderQuote['credit'];
}

/** Remembers the unit prices and credit of an online quote, per dealer, for order entry offline. */
export function rememberQuote(quote: OrderQuote): void {
  try {
    const books = readJson<Record<string, PriceBook>>(PRICES_KEY, {});
    const book = books[quote.dealerId];
    const prices = { ...book?.prices };
    for (const l of quote.lines) prices[l.sku] = { productName: l.productName, unit: l.unit, unitPriceFen: l.unitPriceFen };
    books[quote.dealerId] = { at: new Date().toISOString(), tier: quote.tier, prices, credit: quote.credit };
    localStorage.setItem(PRICES_KEY, JSON.stringify(books));
  } catch {
    // storage full or disabled: the form still works online
  }
}

/** The active catalog the phone keeps for order entry offline (the service worker caches this read). */
const OFFLINE_CATALOG = { active: true, limit: 200 };

/**
 * While the order form is open online: the dealer's own prices of the active catalog, quoted once
 * in ten minutes (one unit of each SKU) and remembered with the credit figures, for pricing offline.
 */
export function refreshPriceBook(dealerId: string): Promise<unknown> {
  return queryClient
    .fetchQuery({
      queryKey: ['offline', 'price-book', dealerId],
      queryFn: async ({ signal }) => {
        const catalog = await api.get<ListPage<Product>>('/products', OFFLINE_CATALOG, signal);
        const quote = await quoteOrder({ dealerId, lines: catalog.items.filter((p) => p.active).map((p) => ({ sku: p.sku, quantity: 1 })) }, signal);
        rememberQuote(quote);
        return quote.lines.length;
      },
      staleTime: 10 * 60_000,
      retry: false,
      meta: { silent: true },
    })
    .catch(() => null);
}

export const OFFLINE_NO_PRICE = 'has no price on this phone';

/**
 * The quote as far as the phone knows it offline: the remembered unit prices and the last credit
 * figures; no promotion (applied, and shown, when the draft is re-quoted online). A SKU with no
 * remembered price is a problem of its line. `null` when nothing was remembered for the dealer.
 */
export function offlineQuote(body: OrderQuoteBody): (OrderQuote & { pricedAt: string }) | null {
  const book = readJson<Record<string, PriceBook>>(PRICES_KEY, {})[body.dealerId];
  if (!book) return null;
  const problems: OrderQuote['problems'] = [];
  const seen = new Set<string>();
  const lines = body.lines.flatMap((line, index) => {
    const price = book.prices[line.sku];
    const twice = seen.has(line.sku);
    seen.add(line.sku);
    if (!price || twice) {
      problems.push({ index, sku: line.sku, message: twice ? 'is listed twice' : OFFLINE_NO_PRICE });
      return [];
    }
    return [
      { sku: line.sku, productName: price.productName, unit: price.unit, quantity: line.quantity, unitPriceFen: price.unitPriceFen, discountFen: 0, amountFen: price.unitPriceFen * line.quantity },
    ];
  });
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  return {
    dealerId: body.dealerId,
    tier: book.tier,
    lines,
    subtotalFen: totalFen,
    discountFen: 0,
    totalFen,
    promotion: null,
    problems,
    credit: { ...book.credit, shortfallFen: shortfallBeyond(totalFen, book.credit.availableCreditFen) },
    pricedAt: book.at,
  };
}

if (typeof window !== 'undefined') startDraftSync();
