// What a connector's input or config schema rejected, as problems with JSON pointers — all of them, so the
// user fixes a step's settings in one go rather than one error per run. A missing property points at itself.
import type { ErrorObject } from 'ajv';

export interface SchemaProblem {
  pointer: string;
  message: string;
}

export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors ?? []) {
    const missing =
      error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
    const problem =
      missing === undefined
        ? { pointer: error.instancePath, message: error.message ?? 'is invalid' }
        : {
            pointer: `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`,
            message: 'is required',
          };
    const key = `${problem.pointer}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** One line naming every problem: `/a is required; /limit must be <= 100`. */
export function describeSchemaProblems(problems: readonly SchemaProblem[], whole: string): string {
  return problems.map(({ pointer, message }) => `${pointer || whole} ${message}`).join('; ');
}
