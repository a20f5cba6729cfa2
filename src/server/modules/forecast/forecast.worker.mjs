// The forecast worker's entry (forecast.pool.ts starts it): tsx's loader, registered in the main
// thread by bin/qudao.js or by vitest, does not reach worker threads, so this thread registers it
// the same way bin/qudao.js does, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./forecast.worker.ts');
