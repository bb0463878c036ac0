// Test runs and live runs of the open flow: "test flow" and "test step", the live state of the run on the
// canvas (socket.io, with polling as a fallback for test runs), and the data each node last produced.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { subscribe, type LiveEvent } from '../api/live.js';
import type { RunDetail, StepTestResult } from '../api/types.js';
import { upstreamOf } from '../model/expression-picker.js';
import { pinnedSample } from '../model/flow-edit.js';
import type { FlowDefinition, JsonValue } from '../model/flow-types.js';
import { applyRunEvent, emptyRun, isFinished, runViewFrom, type RunView, type StepView } from '../model/run-state.js';

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
  const [run, setRun] = useState<RunView>();
  const [runFlowVersion, setRunFlowVersion] = useState<string>();
  const [testSteps, setTestSteps] = useState<Map<string, StepView>>(new Map());
  const [runInput, setRunInput] = useState<JsonValue>();
  const [stepTests, setStepTests] = useState<TestRuns['stepTests']>(new Map());
  const [testingStep, setTestingStep] = useState<string>();
  const current = useRef<string | undefined>(undefined);
  const flowRef = useRef(flow);
  flowRef.current = flow;

  const loadDetails = useCallback(async (runId: string) => {
    const detail = await api.get<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`);
    if (current.current !== runId) return detail;
    setRun((view) =>
      view && !isFinished(view.status) && !isFinished(detail.status)
        ? { ...runViewFrom(detail), steps: new Map([...runViewFrom(detail).steps, ...view.steps]) }
        : runViewFrom(detail),
    );
    setRunInput(detail.input);
    setTestSteps((old) => {
      const next = new Map(old);
      for (const step of detail.steps ?? []) next.set(step.nodeId, step);
      return next;
    });
    return detail;
  }, []);

  const follow = useCallback((runId: string, version?: string) => {
    current.current = runId;
    setRun(emptyRun(runId));
    setRunFlowVersion(version);
  }, []);

  // Events of every run of this flow (webhook deliveries, schedules, tests) drive the canvas live.
  useEffect(() => {
    const onEvent = (event: LiveEvent) => {
      if (event.type === 'run.started' && event.runId !== current.current) {
        current.current = event.runId;
        setRun(emptyRun(event.runId));
      }
      if (event.runId !== current.current) return;
      setRun((view) => applyRunEvent(view ?? emptyRun(event.runId), event));
      if (event.type === 'run.finished') void loadDetails(event.runId).catch(() => undefined);
    };
    return subscribe({ flowId }, onEvent);
  }, [flowId, loadDetails]);

  // Follow the current run explicitly too (late subscribers get the events so far), and poll until it ends
  // in case the live connection is unavailable.
  const runId = run?.runId;
  const finished = run ? isFinished(run.status) : true;
  useEffect(() => {
    if (!runId || finished) return;
    const stop = subscribe({ runId }, (event) => {
      if (event.type === 'run.finished') void loadDetails(runId).catch(() => undefined);
    });
    const timer = setInterval(() => {
      void loadDetails(runId).catch(() => undefined);
    }, 1500);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [runId, finished, loadDetails]);

  const testFlow = useCallback(
    async (input: JsonValue) => {
      if (!(await ensureSaved())) return;
      try {
        const { runId: id } = await api.post<{ runId: string }>(`/api/flows/${encodeURIComponent(flowId)}/test`, {
          input,
        });
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
      for (const id of upstreamOf(f, nodeId)) {
        const known = stepTests.get(id)?.output ?? testSteps.get(id)?.output;
        if (known !== undefined && id !== f.trigger.id) steps[id] = known;
      }
      const trigger = pinnedSample(f) ?? runInput ?? {};
      const input = { trigger, steps };
      setTestingStep(nodeId);
      try {
        const result = await api.post<StepTestResult>(
          `/api/flows/${encodeURIComponent(flowId)}/steps/${encodeURIComponent(nodeId)}/test`,
          { input, definition: f },
        );
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
    setRun(undefined);
  }, []);

  return { run, runFlowVersion, testSteps, runInput, stepTests, testingStep, testFlow, testStep, clear };
}
