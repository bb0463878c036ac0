// The flow editor: toolbar, palette, canvas and side panel around one edited definition.
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { FlowRecord } from '../api/types.js';
import { paletteItems, findAction, findTrigger, type ConnectorManifest } from '../model/catalog.js';
import { serializeClipboard } from '../model/clipboard.js';
import type { PickerInputs } from '../model/expression-picker.js';
import { defaultSample, pinnedSample } from '../model/flow-edit.js';
import { layoutOf, type FlowDefinition, type JsonValue } from '../model/flow-types.js';
import { problemsByNode } from '../model/problems.js';
import { nodeStatuses } from '../model/run-state.js';
import { FlowPanel } from '../panel/flow-panel.js';
import { NodePanel } from '../panel/node-panel.js';
import { EditorContext, type EditorContextValue } from './editor-context.js';
import { EditorToolbar } from './editor-toolbar.js';
import { FlowCanvas, type CanvasSelection } from './flow-canvas.js';
import { buildNodeView, stepTitle, type NodeView } from './node-view.js';
import { Palette } from './palette.js';
import { useFlowDocument } from './use-flow-document.js';
import { useServerSync } from './use-server-sync.js';
import { useShortcuts } from './use-shortcuts.js';
import { useTestRuns } from './use-test-runs.js';
import { EditorDialogs, type DialogName } from './editor-dialogs.js';
import { useCanvasCommands } from './use-canvas-commands.js';
import { useLeaveGuard } from './use-leave-guard.js';
import { LiveRunBanner } from './live-run-banner.js';
import { FlowHealthBanner } from './flow-health-banner.js';
import { useNodeHealth } from './use-node-health.js';
import { stepSamples } from '../model/samples.js';
import { PanelResizer } from './panel-resizer.js';

export interface Notice {
  message: string;
  kind: 'info' | 'error';
  at: number;
}

export function FlowEditor({
  record: initial,
  manifests,
  catalogError,
}: {
  record: FlowRecord;
  manifests: ConnectorManifest[];
  catalogError: string | undefined;
}) {
  const doc = useFlowDocument(initial.definition);
  const { flow, edit } = doc;
  const [notice, setNotice] = useState<Notice | undefined>(
    catalogError ? { message: catalogError, kind: 'error', at: Date.now() } : undefined,
  );
  const report = useCallback(
    (message: string, kind: 'info' | 'error' = 'info') => setNotice({ message, kind, at: Date.now() }),
    [],
  );
  const sync = useServerSync(initial, doc, report);
  const ensureSaved = useCallback(async () => (doc.dirty ? sync.save() : true), [doc.dirty, sync]);
  const tests = useTestRuns(initial.id, flow, ensureSaved, (m) => report(m, 'error'));
  const [selection, setSelection] = useState<CanvasSelection>({ nodes: [], edges: [] });
  const [dialog, setDialog] = useState<DialogName>();
  const [panelWidth, setPanelWidth] = useState<number>();
  const paletteSearch = useRef<HTMLInputElement>(null);
  const reactFlow = useReactFlow();

  const items = useMemo(() => paletteItems(manifests), [manifests]);
  const problems = useMemo(() => problemsByNode(flow, sync.problems), [flow, sync.problems]);
  const statuses = useMemo(() => (tests.run ? nodeStatuses(tests.run) : new Map()), [tests.run]);
  const health = useNodeHealth(flow);

  const samples = useMemo(() => {
    const map: Record<string, JsonValue | undefined> = stepSamples(tests.testSteps, tests.stepTests);
    map[flow.trigger.id] = pinnedSample(flow) ?? tests.runInput ?? map[flow.trigger.id];
    return map;
  }, [tests.testSteps, tests.stepTests, tests.runInput, flow]);

  const views = useMemo(() => {
    const context = { manifests, problems, statuses, samples, health };
    const map = new Map<string, NodeView>();
    for (const id of [flow.trigger.id, ...flow.steps.map((s) => s.id)]) map.set(id, buildNodeView(flow, id, context));
    return map;
  }, [flow, manifests, problems, statuses, samples, health]);

  const pickerInputs = useMemo<PickerInputs>(() => {
    const schemas: PickerInputs['schemas'] = {};
    const titles: Record<string, string> = {};
    for (const step of flow.steps) {
      schemas[step.id] = findAction(manifests, step.use)?.action.output;
      titles[step.id] = stepTitle(step, manifests);
    }
    const trigger = findTrigger(manifests, flow.trigger.connector, flow.trigger.trigger);
    schemas[flow.trigger.id] = trigger?.trigger.output;
    titles[flow.trigger.id] = trigger?.trigger.title ?? flow.trigger.id;
    const loopItems: Record<string, JsonValue | undefined> = {};
    for (const step of flow.steps) {
      if (step.use !== 'forEach') continue;
      const input = tests.testSteps.get(step.id)?.input;
      loopItems[step.id] = input && typeof input === 'object' && !Array.isArray(input) ? input.items : undefined;
    }
    return { samples, schemas, titles, loopItems };
  }, [flow, manifests, samples, tests.testSteps]);

  useLeaveGuard(doc.dirty);
  const { select, addItem, onDropItem, copy, paste, duplicate, layout, fit } = useCanvasCommands({
    flow,
    edit,
    selection,
    setSelection,
    items,
    report,
  });

  useShortcuts({
    undo: doc.undo,
    redo: doc.redo,
    save: () => void sync.save(),
    duplicate,
    selectAll: () => select([flow.trigger.id, ...flow.steps.map((s) => s.id)]),
    fit,
    layout,
    focusPalette: () => paletteSearch.current?.focus(),
    escape: () => select([]),
    help: () => setDialog('shortcuts'),
  });

  const context = useMemo<EditorContextValue>(
    () => ({
      flowId: initial.id,
      flow,
      edit,
      manifests,
      problems,
      pickerInputs,
      testSteps: tests.testSteps,
      stepTests: tests.stepTests,
      testStep: tests.testStep,
      testingStep: tests.testingStep,
    }),
    [
      initial.id,
      flow,
      edit,
      manifests,
      problems,
      pickerInputs,
      tests.testSteps,
      tests.stepTests,
      tests.testStep,
      tests.testingStep,
    ],
  );

  const panelNode = selection.nodes.length === 1 ? selection.nodes[0] : undefined;

  return (
    <EditorContext.Provider value={context}>
      <div className="editor">
        <EditorToolbar
          flow={flow}
          doc={doc}
          sync={sync}
          problemCount={sync.problems.length}
          hasSelection={selection.nodes.some((id) => id !== flow.trigger.id)}
          onRename={(name) => edit((f) => ({ ...f, name }), 'name')}
          onLayout={layout}
          onFit={fit}
          onCopy={() => {
            const payload = copy();
            if (payload) {
              void navigator.clipboard?.writeText(serializeClipboard(payload)).catch(() => undefined);
              report(`Copied ${payload.steps.length} step${payload.steps.length === 1 ? '' : 's'}.`);
            }
          }}
          onPaste={() => paste()}
          onDuplicate={duplicate}
          onTestFlow={() => void tests.testFlow(pinnedSample(flow) ?? defaultSample(flow))}
          onDialog={setDialog}
        />
        {notice ? (
          <div
            className={`toast toast-${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            key={notice.at}
            data-testid="notice"
          >
            <span>{notice.message}</span>
            <button
              type="button"
              className="toast-close"
              aria-label="Dismiss message"
              onClick={() => setNotice(undefined)}
            >
              ×
            </button>
          </div>
        ) : null}
        <div
          className="editor-body"
          style={panelWidth ? ({ '--panel-width': `${panelWidth}px` } as CSSProperties) : undefined}
        >
          <Palette items={items} onAdd={(item) => addItem(item)} searchRef={paletteSearch} />
          <div className="canvas-wrap">
            <PanelResizer
              width={panelWidth ?? document.querySelector('.side-panel')?.getBoundingClientRect().width ?? 360}
              onResize={setPanelWidth}
            />
            <FlowCanvas
              flow={flow}
              views={views}
              selection={selection}
              onSelectionChange={setSelection}
              onEdit={edit}
              onDropItem={onDropItem}
              onNotice={(m) => report(m, 'error')}
              onOpenNode={(id) => select([id])}
            />
            {tests.run ? <LiveRunBanner run={tests.run} onClose={tests.clear} /> : null}
            <FlowHealthBanner warnings={health} onSelect={select} />
          </div>
          {panelNode ? (
            <NodePanel key={panelNode} nodeId={panelNode} onClose={() => select([])} onSelect={(id) => select([id])} />
          ) : (
            <FlowPanel
              flow={flow}
              record={sync.record}
              problems={sync.problems}
              run={tests.run}
              onSelectNode={(id) => {
                select([id]);
                const at = layoutOf(flow, id);
                if (at)
                  void reactFlow.setCenter(at.x + 110, at.y + 40, {
                    zoom: Math.max(reactFlow.getZoom(), 0.9),
                    duration: 300,
                  });
              }}
              onPinSample={(sample) =>
                edit((f) => ({
                  ...f,
                  layout: {
                    ...(f.layout ?? {}),
                    [f.trigger.id]: { ...(layoutOf(f, f.trigger.id) ?? { x: 0, y: 0 }), sample },
                  } as FlowDefinition['layout'],
                }))
              }
              onTestFlow={(input) => void tests.testFlow(input)}
            />
          )}
        </div>
        <EditorDialogs
          open={dialog}
          onClose={() => setDialog(undefined)}
          flowId={initial.id}
          flow={flow}
          live={{ version: sync.record.activeVersion ?? undefined, active: sync.record.active }}
          onRestore={(definition, version) => {
            edit(() => definition);
            report(`Restored version ${version} into the editor. Save to keep it as the draft.`);
          }}
        />
      </div>
    </EditorContext.Provider>
  );
}
