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
  return `${prefix}_${time}${sequence.toString(16).padStart(4, '0')}${randomBytes(8).toString('hex')}`;
}
