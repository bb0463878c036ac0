// The Schedule connector: previews for the runtime's built-in `schedule@1` cron trigger. The trigger itself is
// part of the runtime (it needs the database lease that makes a fire happen once); this package adds what the
// editor needs around it: `previewFireTimes` for code and the `nextFireTimes` action for step tests.
import { defineConnector } from '@weft/sdk';
import { nextFireTimes } from './actions/next-fire-times.js';

export { previewFireTimes, MAX_PREVIEW_COUNT } from './preview.js';
export type { FireTimePreview } from './preview.js';

export default defineConnector({
  name: 'schedule',
  version: '1.0.0',
  title: 'Schedule',
  description: 'Cron schedules: what an expression means and when it fires next.',
  icon: '⏰',
  categories: ['Triggers', 'Utilities'],
  auth: { kind: 'none' },
  actions: [nextFireTimes],
});
