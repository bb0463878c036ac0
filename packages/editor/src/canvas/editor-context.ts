// What the side panels need from the editor, shared through context instead of long prop chains.
import { createContext, useContext } from 'react';
import type { StepTestResult } from '../api/types.js';
import type { ConnectorManifest } from '../model/catalog.js';
import type { PickerInputs } from '../model/expression-picker.js';
import type { FlowDefinition, JsonValue } from '../model/flow-types.js';
import type { Problem } from '../model/problems.js';
import type { StepView } from '../model/run-state.js';

export interface EditorContextValue {
  flowId: string;
  flow: FlowDefinition;
  edit(next: (flow: FlowDefinition) => FlowDefinition, coalesce?: string): void;
  manifests: ConnectorManifest[];
  problems: Map<string, Problem[]>;
  pickerInputs: PickerInputs;
  /** Last known input/output of each node, from step tests and test runs. */
  testSteps: Map<string, StepView>;
  stepTests: Map<string, StepTestResult & { input?: JsonValue; at: number; unsaved?: boolean }>;
  testStep(nodeId: string): Promise<void>;
  testingStep: string | undefined;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside the editor');
  return value;
}
