// The one rule that merges what a run's live events said with what the server stored, so every view of a run
// (the run page, the canvas during a test) shows the same step: the newer attempt wins, then a finished step
// over a running one; on a tie the stored step wins and keeps any data only the live copy carries.
import { isFinished, type RunView, type StepView } from './run-state.js';

/** Which of two copies of one step (same key) is shown. */
export function mergeStep(stored: StepView, live: StepView): StepView {
  if (live.attempt !== stored.attempt) return live.attempt > stored.attempt ? live : stored;
  const liveDone = live.status !== 'running';
  const storedDone = stored.status !== 'running';
  if (liveDone !== storedDone) return liveDone ? withMissing(live, stored) : withMissing(stored, live);
  return withMissing(stored, live);
}

/** Merges the steps of a stored run with the live view of the same run. */
export function mergeRun(stored: RunView, live: RunView | undefined): RunView {
  if (!live || live.runId !== stored.runId) return stored;
  const steps = new Map(stored.steps);
  for (const [key, step] of live.steps) {
    const known = steps.get(key);
    steps.set(key, known ? mergeStep(known, step) : step);
  }
  const liveWins = isFinished(live.status) && !isFinished(stored.status);
  const merged: RunView = { ...stored, steps, status: liveWins ? live.status : stored.status };
  if (merged.startedAt === undefined && live.startedAt !== undefined) merged.startedAt = live.startedAt;
  if (liveWins) {
    if (live.endedAt !== undefined) merged.endedAt = live.endedAt;
    if (live.error) merged.error = live.error;
  }
  return merged;
}

function withMissing(winner: StepView, other: StepView): StepView {
  if (winner.attempt !== other.attempt) return winner;
  const step = { ...winner };
  if (step.input === undefined && other.input !== undefined) step.input = other.input;
  if (step.output === undefined && other.output !== undefined) step.output = other.output;
  return step;
}
