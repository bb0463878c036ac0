// A Weft server in a process of its own (not part of the build), so a test can watch its memory: starts a
// runtime on an OS-chosen port in the data directory argv[2], allowing outbound HTTP to 127.0.0.1, and prints
// `{ "url": … }` once listening. It stops on SIGTERM. With WEFT_TEST_GC_MS (and --expose-gc) it collects garbage
// that often, so the test can tell memory the server holds from buffers V8 has not collected yet.
import { registerHooks } from 'node:module';

// Node compiles the TypeScript itself; map our `./x.js` imports to the `./x.ts` sources.
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

const { startRuntime } = await import('../runtime.js');
const { pino } = await import('pino');
const runtime = await startRuntime({
  dataDir: process.argv[2]!,
  port: 0,
  host: '127.0.0.1',
  apiToken: 'test-token-0123456789',
  logger: pino({ level: 'silent' }),
  sandboxSize: 1,
  outboundAllow: ['127.0.0.1'],
});
const gcEvery = Number(process.env.WEFT_TEST_GC_MS);
const collect = (globalThis as { gc?: (options: { type: 'minor' | 'major' }) => void }).gc;
// Young collections: cheap, and they free the buffers of chunks that just passed (a full one would stall it).
if (gcEvery > 0 && collect) setInterval(() => collect({ type: 'minor' }), gcEvery).unref();
process.stdout.write(`${JSON.stringify({ url: runtime.url.replace('localhost', '127.0.0.1') })}\n`);
process.once('SIGTERM', () => {
  void runtime.close().then(() => process.exit(0));
});
