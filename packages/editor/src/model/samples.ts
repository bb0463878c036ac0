// Sample data of the steps, for the data picker, node previews and later step tests: only what a step produced
// when it succeeded. A failed test never becomes the sample that later steps map from.
import type { JsonValue } from './flow-types.js';

interface Tested {
  status: string;
  output?: JsonValue;
}

/** The sample output per step: a single-step test wins over the last test run's step; failures count for none. */
export function stepSamples(
  runSteps: ReadonlyMap<string, Tested>,
  stepTests: ReadonlyMap<string, Tested>,
): Record<string, JsonValue> {
  const samples: Record<string, JsonValue> = {};
  for (const source of [runSteps, stepTests])
    for (const [id, tested] of source) {
      if (tested.status === 'succeeded' && tested.output !== undefined) samples[id] = tested.output;
      // A later failed test also takes away what an earlier success left, so nothing stale is mapped from.
      else if (source === stepTests && tested.status === 'failed') delete samples[id];
    }
  return samples;
}
