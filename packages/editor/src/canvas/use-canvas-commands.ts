// Canvas commands shared by the toolbar, the palette and keyboard shortcuts: add (with auto-connect), copy,
// paste, duplicate, auto-layout, fit; and the system clipboard through copy/paste events (no permissions needed).
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import type { PaletteItem } from '../model/catalog.js';
import {
  copyNodes,
  duplicateNodes,
  parseClipboard,
  pasteNodes,
  serializeClipboard,
  type ClipboardPayload,
} from '../model/clipboard.js';
import { canConnect, connect } from '../model/connect.js';
import { addStep, moveNodes, setTrigger } from '../model/flow-edit.js';
import { layoutOf, type FlowDefinition } from '../model/flow-types.js';
import { autoLayout } from '../model/layout.js';
import { outputPorts } from '../model/ports.js';
import type { CanvasSelection } from './flow-canvas.js';
import { fitLegibly } from '../model/viewport.js';

export interface CanvasCommandsOptions {
  flow: FlowDefinition;
  edit(next: (flow: FlowDefinition) => FlowDefinition, coalesce?: string): FlowDefinition;
  selection: CanvasSelection;
  setSelection(selection: CanvasSelection): void;
  items: PaletteItem[];
  report(message: string): void;
}

export function useCanvasCommands({ flow, edit, selection, setSelection, items, report }: CanvasCommandsOptions) {
  const reactFlow = useReactFlow();
  const clipboard = useRef<ClipboardPayload | undefined>(undefined);
  const select = useCallback((nodes: string[]) => setSelection({ nodes, edges: [] }), [setSelection]);

  /** Where a node added without a drop position goes: right of the selected node, or right of everything. */
  const nextPosition = useCallback(
    (anchor: string | undefined) => {
      const at = anchor ? layoutOf(flow, anchor) : undefined;
      if (at) {
        const siblings = flow.edges.filter((e) => e.from === anchor).length;
        return { x: at.x + 280, y: at.y + siblings * 110 };
      }
      const all = [flow.trigger.id, ...flow.steps.map((s) => s.id)]
        .map((id) => layoutOf(flow, id))
        .filter((p) => p !== undefined);
      const right = all.reduce((m, p) => (p.x > m.x ? p : m), { x: -280, y: 0 });
      return { x: right.x + 280, y: right.y };
    },
    [flow],
  );

  const addItem = useCallback(
    (item: PaletteItem, position?: { x: number; y: number }) => {
      if (item.kind === 'trigger' && item.trigger) {
        const replacing =
          `${flow.trigger.connector}.${flow.trigger.trigger}` !== `${item.trigger.connector}.${item.trigger.trigger}`;
        edit((f) => {
          const next = setTrigger(f, item.trigger!);
          return position ? moveNodes(next, { [f.trigger.id]: position }) : next;
        });
        select([flow.trigger.id]);
        report(replacing ? `The flow now starts with “${item.title}”.` : `“${item.title}” is already the trigger.`);
        return;
      }
      if (!item.use) return;
      const anchor = !position && selection.nodes.length === 1 ? selection.nodes[0] : undefined;
      const at = position ?? nextPosition(anchor);
      let added = '';
      edit((f) => {
        const result = addStep(f, { use: item.use!, position: at });
        added = result.id;
        let next = result.flow;
        if (anchor) {
          const source = next.steps.find((s) => s.id === anchor);
          const port = outputPorts(source).find(
            (p) => canConnect(next, { from: anchor, port: p.id, to: result.id }).ok,
          );
          if (port) next = connect(next, { from: anchor, port: port.id, to: result.id });
        }
        return next;
      });
      if (added) select([added]);
      // Added from the keyboard: bring the new node into view.
      if (!position) void reactFlow.setCenter(at.x + 110, at.y + 40, { zoom: reactFlow.getZoom(), duration: 250 });
      report(`Added “${item.title}”${anchor ? ` after ${anchor}` : ''}.`);
    },
    [edit, flow, nextPosition, reactFlow, report, select, selection.nodes],
  );

  const onDropItem = useCallback(
    (itemId: string, position: { x: number; y: number }) => {
      const item = items.find((i) => i.id === itemId);
      if (item) addItem(item, position);
    },
    [addItem, items],
  );

  const copy = useCallback(() => {
    const payload = copyNodes(flow, selection.nodes);
    if (payload) clipboard.current = payload;
    return payload;
  }, [flow, selection.nodes]);

  const paste = useCallback(
    (payload: ClipboardPayload | undefined = clipboard.current) => {
      if (!payload) return;
      let ids: string[] = [];
      edit((f) => {
        const result = pasteNodes(f, payload);
        ids = result.ids;
        return result.flow;
      });
      select(ids);
      report(`Pasted ${ids.length} step${ids.length === 1 ? '' : 's'}.`);
    },
    [edit, report, select],
  );

  const duplicate = useCallback(() => {
    if (!selection.nodes.some((id) => id !== flow.trigger.id)) return;
    let ids: string[] = [];
    edit((f) => {
      const result = duplicateNodes(f, selection.nodes);
      ids = result.ids;
      return result.flow;
    });
    select(ids);
  }, [edit, flow.trigger.id, select, selection.nodes]);

  const fit = useCallback(() => {
    const nodes = reactFlow.getNodes();
    const trigger = reactFlow.getNode(flow.trigger.id);
    const screen = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!nodes.length || !screen) return;
    const start = trigger
      ? { ...trigger.position, height: trigger.measured?.height ?? 80 }
      : { x: 0, y: 0, height: 80 };
    void reactFlow.setViewport(fitLegibly(reactFlow.getNodesBounds(nodes), start, screen), { duration: 300 });
  }, [flow.trigger.id, reactFlow]);

  const layout = useCallback(() => {
    edit((f) => autoLayout(f));
    requestAnimationFrame(fit);
  }, [edit, fit]);

  // System clipboard through copy/paste events: works without clipboard permissions.
  useEffect(() => {
    const busy = (target: EventTarget | null) => {
      const el = target as HTMLElement | null;
      return Boolean(
        el &&
        (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
          el.isContentEditable ||
          el.closest('.cm-editor') ||
          window.getSelection()?.toString()),
      );
    };
    const onCopy = (event: ClipboardEvent) => {
      if (busy(event.target)) return;
      const payload = copy();
      if (!payload) return;
      event.clipboardData?.setData('text/plain', serializeClipboard(payload));
      event.preventDefault();
      report(`Copied ${payload.steps.length} step${payload.steps.length === 1 ? '' : 's'}.`);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (busy(event.target)) return;
      const payload = parseClipboard(event.clipboardData?.getData('text/plain') ?? '') ?? clipboard.current;
      if (!payload) return;
      event.preventDefault();
      paste(payload);
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [copy, paste, report]);

  return { select, addItem, onDropItem, copy, paste, duplicate, layout, fit };
}
