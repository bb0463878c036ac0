// Validation problems: every problem at once, each with what it concerns.

export type ProblemCode =
  | 'schema'
  | 'duplicate_node'
  | 'unknown_node_type'
  | 'unknown_connector'
  | 'dangling_edge'
  | 'duplicate_edge'
  | 'invalid_port'
  | 'cycle'
  | 'unreachable'
  | 'bad_reference'
  | 'invalid_loop'
  | 'script_syntax'
  // Found by the publish check only: the flow can be saved with these, not published or switched on.
  | 'invalid_config'
  | 'missing_connection'
  | 'unknown_field';

export interface Problem {
  code: ProblemCode;
  message: string;
  /** RFC 6901 JSON pointer into the flow definition. */
  pointer: string;
  nodeId?: string;
  /** The config field concerned, for the editor (`config.text`). */
  field?: string;
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(s)}`).join('');
}
