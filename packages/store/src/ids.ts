// Ids that sort by creation time within a process (time, then a sequence) and never collide across processes.
import { randomBytes } from 'node:crypto';

let lastTime = -1;
let sequence = 0;

export function newId(prefix: string, now: number): string {
  if (now === lastTime) {
    sequence = (sequence + 1) % 0x10000;
  } else {
    lastTime = now;
    sequence = 0;
  }
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0');
  return `${prefix}_${time}${sequence.toString(16).padStart(4, '0')}${randomHex8()}`;
}

/** The id of a run created later (a run executed in memory before it is stored gets its id up front). */
export function newRunId(now: number = Date.now()): string {
  return newId('run', now);
}

// Random bytes are drawn in blocks: one syscall per 512 ids rather than one per id.
let pool = Buffer.alloc(0);
let offset = 0;

function randomHex8(): string {
  if (offset + 8 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + 8);
  offset += 8;
  return hex;
}
