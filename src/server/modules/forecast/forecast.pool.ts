// A small pool of worker threads for CPU-heavy forecasting, so a fit never blocks the request
// loop (health checks, logins and every other request keep answering). Each job runs within a
// time budget: past it the worker is stopped and replaced. The queue is bounded: past it, 503.
// The server runs TypeScript through tsx, registered in the main thread only (bin/qudao.js, or
// vitest); its hooks do not reach worker threads (nor does `--import tsx` in a worker's execArgv
// on Node 20), so workers start from forecast.worker.mjs, which registers tsx itself.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, FieldError } from '../../../shared/errors.js';
import { AppError, invalid } from '../../core/errors.js';
import { budgetError } from './budget.rules.js';
import { validateInput, type ForecastInput, type ForecastOptions, type ForecastResult } from './forecast.service.js';
import type { ForecastJob } from './forecast.worker.js';

const WORKER_URL = new URL('./forecast.worker.mjs', import.meta.url);

export interface PoolOptions {
  /** Worker threads (default: one less than the cores, one or two: the rest serve requests). */
  size?: number;
  /** Jobs waiting for a worker before new ones are refused with 503. */
  maxQueue?: number;
  timeBudgetMs: number;
}

type Reply = { id: number; ok: true; result: ForecastResult } | { id: number; ok: false; error: { code: ErrorCode; detail: string; errors?: FieldError[] } };
interface Pending {
  job: ForecastJob;
  resolve: (r: ForecastResult) => void;
  reject: (e: AppError) => void;
}
interface Slot {
  worker: Worker;
  /** Loaded (tsx and the forecast modules): the time budget starts at dispatch, not at boot. */
  ready: boolean;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

export class ForecastPool {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private seq = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.maxQueue = options.maxQueue ?? 64;
  }

  run(input: ForecastInput, options: ForecastOptions): Promise<ForecastResult> {
    if (this.closed) return Promise.reject(new AppError('UNAVAILABLE', 'The server is shutting down'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new AppError('UNAVAILABLE', 'Too many forecasts are waiting; try again shortly'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: ++this.seq, input, options }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new AppError('UNAVAILABLE', 'The server is shutting down'));
    await Promise.all(this.slots.splice(0).map((s) => this.retire(s, new AppError('UNAVAILABLE', 'The server is shutting down'))));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    // Idle workers must not keep the process alive (CLI commands, test runs).
    worker.unref();
    const slot: Slot = { worker, ready: false, busy: null, timer: null };
    worker.on('message', (reply: Reply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const pending = slot.busy;
      if (!pending || pending.job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) pending.resolve(reply.result);
      else
        pending.reject(
          new AppError(reply.error.code === 'INTERNAL' ? 'UNAVAILABLE' : reply.error.code, reply.error.code === 'INTERNAL' ? 'The forecast failed; try again' : reply.error.detail, reply.error.errors),
        );
      this.dispatch();
    });
    const lost = () => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      const pending = slot.busy;
      this.finish(slot);
      const failure = new AppError('UNAVAILABLE', 'The forecast worker stopped; try again');
      pending?.reject(failure);
      // A worker that dies while loading would die again: fail the waiting jobs, not loop.
      if (!slot.ready) for (const p of this.queue.splice(0)) p.reject(failure);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.busy = null;
    slot.worker.unref();
  }

  private async retire(slot: Slot, reason: AppError) {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const pending = slot.busy;
    this.finish(slot);
    pending?.reject(reason);
    await slot.worker.terminate();
  }

  private dispatch() {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.slots.find((s) => s.ready && !s.busy);
      if (!slot) {
        // Start another worker while one is short; the job goes out when a worker reports ready.
        const booting = this.slots.filter((s) => !s.ready).length;
        if (this.slots.length < this.size && booting < this.queue.length) this.spawn();
        return;
      }
      const pending = this.queue.shift()!;
      slot.busy = pending;
      // A busy worker keeps the process alive until its answer is in.
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        const seconds = this.options.timeBudgetMs / 1000;
        void this.retire(
          slot,
          new AppError('BUSINESS_RULE', `The forecast did not finish within its time budget of ${seconds} s; send a shorter series`, [
            { path: '/values', message: `took longer than ${seconds} s to forecast` },
          ]),
        ).then(() => this.dispatch());
      }, this.options.timeBudgetMs);
      slot.worker.postMessage(pending.job);
    }
  }
}

/**
 * POST /v1/forecast's work: the input checked (shape, then the size budget of budget.rules.ts,
 * both naming the field) on the request loop, the fitting in the pool within the time budget.
 */
export async function forecastWithinBudget(pool: ForecastPool, input: ForecastInput, options: ForecastOptions): Promise<ForecastResult> {
  validateInput(input);
  const over = budgetError([input.values], input.frequency, input.horizon, options.backtest === true);
  if (over) throw invalid(over.path, over.message);
  return pool.run(input, options);
}
