// Import and export of flows as JSON files: the export is the definition itself; the import accepts that, a
// `{ definition }` wrapper or a full flow record, and says plainly what is wrong with anything else.
import { looksLikeFlow } from './flow-edit.js';
import { FLOW_SCHEMA, isObject, type FlowDefinition } from './flow-types.js';

export function exportFlow(flow: FlowDefinition): string {
  return `${JSON.stringify(flow, null, 2)}\n`;
}

export function exportFileName(flow: FlowDefinition): string {
  const slug =
    flow.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'flow';
  return `${slug}.weft.json`;
}

export type ImportResult = { ok: true; flow: FlowDefinition } | { ok: false; error: string };

export function importFlow(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
  }
  if (isObject(value) && isObject(value.definition)) value = value.definition;
  if (!isObject(value)) return { ok: false, error: 'The file does not hold a flow (expected a JSON object).' };
  if (value.schema !== FLOW_SCHEMA) {
    return {
      ok: false,
      error: `This is not a Weft flow: "schema" should be "${FLOW_SCHEMA}"${value.schema === undefined ? '' : `, not ${JSON.stringify(value.schema)}`}.`,
    };
  }
  if (!looksLikeFlow(value))
    return { ok: false, error: 'The flow is incomplete: it needs a name, a trigger, steps and edges.' };
  return { ok: true, flow: value };
}
