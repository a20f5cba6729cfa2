// The worker-thread side of forecast.pool.ts: runs forecastSeries off the request loop and posts
// back the result or the domain error (code, detail, field errors), never a stack.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import { forecastSeries, type ForecastInput, type ForecastOptions } from './forecast.service.js';

export interface ForecastJob {
  id: number;
  input: ForecastInput;
  options: ForecastOptions;
}

parentPort?.on('message', (job: ForecastJob) => {
  try {
    parentPort!.postMessage({ id: job.id, ok: true, result: forecastSeries(job.input, job.options) });
  } catch (error) {
    const e = error instanceof AppError ? { code: error.code, detail: error.detail, errors: error.errors } : { code: 'INTERNAL', detail: String((error as Error)?.message ?? error) };
    parentPort!.postMessage({ id: job.id, ok: false, error: e });
  }
});

// Loaded: the pool may send work (and start its clock).
parentPort?.postMessage({ ready: true });
