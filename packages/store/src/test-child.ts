// A separate process for multi-process tests (not part of the build): opens the store at argv[2] and either
// just migrates (`open`) or claims runs until the queue is empty (`claim`), then prints a JSON result.
import { registerHooks } from 'node:module';

// Node strips the TypeScript types itself; map our `./x.js` imports to the `./x.ts` sources.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!/^\.{1,2}\/.*\.js$/.test(specifier)) throw error;
      return nextResolve(specifier.replace(/\.js$/, '.ts'), context);
    }
  },
});

const [url, mode, workerId] = process.argv.slice(2);
const { openStore } = await import('./open-store.js');
const store = await openStore({ url: url! });
const claimed: string[] = [];
if (mode === 'claim') {
  for (;;) {
    const run = await store.runs.claimNext({ workerId: workerId!, leaseMs: 60_000 });
    if (!run) break;
    claimed.push(run.id);
  }
}
const health = await store.health();
await store.close();
process.stdout.write(JSON.stringify({ claimed, ok: health.ok }));
