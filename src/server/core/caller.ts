import type { Role } from '../../shared/permissions.js';
import type { Database } from '../db/database.js';
import type { Clock } from './clock.js';

/** Who is asking: a signed-in person, an API key, or the system itself (seed, CLI, jobs). */
export interface Caller {
  kind: 'user' | 'apiKey' | 'system';
  id: string | null;
  name: string;
  role: Role;
  dealerId: string | null;
  regionCodes: string[];
  sessionId?: string;
}

export const systemCaller: Caller = {
  kind: 'system',
  id: null,
  name: 'system',
  role: 'hq_admin',
  dealerId: null,
  regionCodes: [],
};

/** What every service function receives (plain functions, no DI container). */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  caller: Caller;
  requestId: string | null;
}
