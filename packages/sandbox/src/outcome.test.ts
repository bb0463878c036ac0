// What isolated-vm reports when a call does not complete, as users see it. The catastrophic cases cannot be
// provoked in a test process (a parked V8 thread would keep it from exiting), so their mapping is checked here.
import { ScriptError, WeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { CatastrophicIsolateError } from './isolate-worker.js';
import { failureToError } from './outcome.js';

const limits = { timeoutMs: 250, memoryLimitMb: 32 };

describe('failureToError', () => {
  it.each([
    ['Script execution timed out.', 'script_timeout', 'The script did not finish within 250 ms'],
    [
      'Isolate was disposed during execution due to memory limit',
      'script_memory',
      'The script used more than 32 MB of memory',
    ],
    ['Isolate is disposed', 'script_memory', 'The script used more than 32 MB of memory'],
  ])('maps "%s" to %s', (message, code, text) => {
    const error = failureToError(new Error(message), limits);
    expect(error).toBeInstanceOf(ScriptError);
    expect([(error as ScriptError).code, error.message]).toEqual([code, text]);
  });

  it('maps the isolates V8 lost control of', () => {
    const memory = failureToError(new CatastrophicIsolateError('Catastrophic out-of-memory error'), limits);
    const stuck = failureToError(new CatastrophicIsolateError('Script failed to terminate'), limits);
    expect([(memory as ScriptError).code, (stuck as ScriptError).code]).toEqual(['script_memory', 'script_timeout']);
    expect(stuck.message).toBe('The script did not stop after 250 ms and was abandoned');
  });

  it('treats anything else as a failure of the sandbox, not of the script', () => {
    const error = failureToError(new Error('something odd'), limits);
    expect(error).toBeInstanceOf(WeftError);
    expect(error).not.toBeInstanceOf(ScriptError);
    expect((error as WeftError).fault).toBe('system');
  });
});
