import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * Opaque, time-ordered ids (creation order = sort order, so cursors can page by id):
 * 11 base-36 chars of milliseconds + a per-ms counter + 10 random chars.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  const time = now.toString(36).padStart(9, '0');
  const seq = counter.toString(36).padStart(3, '0');
  const random = randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10).toLowerCase();
  return `${prefix}_${time}${seq}${random}`;
}
