// Test runs and live runs of the open flow: "test flow" and "test step", the live state of the run on the
// canvas (socket.io, with polling as a fallback for test runs), and the data each node last produced.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client.js';
import { subscribe, type LiveEvent } from '../api/live.js';
import type { StepTestResult } from '../api/types.js';
import { useRun } from '../hooks/use-run.js';
import { upstreamOf } from '../model/expression-picker.js';
import { pinnedSample } from '../model/flow-edit.js';
import type { FlowDefinition, JsonValue } from '../model/flow-types.js';
import type { RunView, StepView } from '../model/run-state.js';
import { stepSamples } from '../model/samples.js';

export interface TestRuns {
  run: RunView | undefined;
  runFlowVersion: string | undefined;
  testSteps: Map<string, StepView>;
  runInput: JsonValue | undefined;
  stepTests: Map<string, StepTestResult & { input?: JsonValue; at: number; unsaved?: boolean }>;
  testingStep: string | undefined;
  testFlow(input: JsonValue): Promise<void>;
  testStep(nodeId: string): Promise<void>;
  clear(): void;
}

export function useTestRuns(
  flowId: string,
  flow: FlowDefinition,
  ensureSaved: () => Promise<boolean>,
  onError: (message: string) => void,
): TestRuns {
  const [runId, setRunId] = useState<string>();
  const [runFlowVersion, setRunFlowVersion] = useState<string>();
  const [testSteps, setTestSteps] = useState<Map<string, StepView>>(new Map());
  const [runInput, setRunInput] = useState<JsonValue>();
  const [stepTests, setStepTests] = useState<TestRuns['stepTests']>(new Map());
  const [testingStep, setTestingStep] = useState<string>();
  const current = useRef<string | undefined>(undefined);
  const flowRef = useRef(flow);
  flowRef.current = flow;
  // The run on the canvas: its stored and live steps merged by useRun's one rule (polled while it runs, in case
  // the live connection is unavailable).
  const { view: run, detail } = useRun(runId, { pollMs: 1500 });

  useEffect(() => {
    if (!detail) return;
    setRunInput(detail.input);
    setTestSteps((old) => {
      const next = new Map(old);
      for (const step of detail.steps ?? []) next.set(step.nodeId, step);
      return next;
    });
  }, [detail]);

  const follow = useCallback((id: string, version?: string) => {
    current.current = id;
    setRunId(id);
    setRunFlowVersion(version);
  }, []);

  // Every new run of this flow (webhook deliveries, schedules, tests) takes over the canvas.
  useEffect(() => {
    const onEvent = (event: LiveEvent) => {
      if (event.type === 'run.started' && event.runId !== current.current) {
        current.current = event.runId;
        setRunId(event.runId);
      }
    };
    return subscribe({ flowId }, onEvent);
  }, [flowId]);

  const testFlow = useCallback(
    async (input: JsonValue) => {
      if (!(await ensureSaved())) return;
      try {
        const { runId: id } = await call('testFlow', { params: { id: flowId }, body: { input } });
        follow(id, 'draft');
        setRunInput(input);
      } catch (e) {
        onError(`Test run could not start: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [ensureSaved, flowId, follow, onError],
  );

  const testStep = useCallback(
    async (nodeId: string) => {
      // The server tests the saved draft; an invalid draft cannot be saved, so the draft also travels in the body
      // for servers that accept it, and the result says when the saved version was used instead.
      const saved = await ensureSaved();
      const f = flowRef.current;
      const steps: Record<string, JsonValue> = {};
      const samples = stepSamples(testSteps, stepTests);
      for (const id of upstreamOf(f, nodeId)) {
        const known = samples[id];
        if (known !== undefined && id !== f.trigger.id) steps[id] = known;
      }
      const trigger = pinnedSample(f) ?? runInput ?? {};
      const input = { trigger, steps };
      setTestingStep(nodeId);
      try {
        const result = await call('testStep', { params: { id: flowId, nodeId }, body: { input, definition: f } });
        setStepTests((old) => new Map(old).set(nodeId, { input, ...result, at: Date.now(), unsaved: !saved }));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        setStepTests((old) =>
          new Map(old).set(nodeId, {
            status: 'failed',
            logs: [],
            durationMs: 0,
            error: { code: 'step_test_failed', message },
            input,
            at: Date.now(),
            unsaved: !saved,
          }),
        );
      } finally {
        setTestingStep(undefined);
      }
    },
    [ensureSaved, flowId, runInput, stepTests, testSteps],
  );

  const clear = useCallback(() => {
    current.current = undefined;
    setRunId(undefined);
  }, []);

  return { run, runFlowVersion, testSteps, runInput, stepTests, testingStep, testFlow, testStep, clear };
}
