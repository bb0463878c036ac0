// Syntax check of every expression and code body of a flow, through the sandbox's SyntaxChecker.
import type { StepNode } from './flow.js';
import type { SyntaxChecker } from './ports.js';
import { pointerOf, type Problem } from './problems.js';
import { parseTemplateString, TemplateSyntaxError } from './template.js';
import { scriptSources } from './validate.js';

/**
 * Also runs on a flow that failed validation (so a schema typo elsewhere does not hide a syntax error): steps
 * that are not objects with a string id are skipped, and so are templates that do not parse (validation has
 * reported those already).
 */
export async function checkFlowScripts(flow: unknown, checker: SyntaxChecker): Promise<Problem[]> {
  const problems: Problem[] = [];
  const steps = (flow as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return problems;
  for (const [index, item] of steps.entries()) {
    const step = item as StepNode | null;
    if (typeof step !== 'object' || step === null || typeof step.id !== 'string') continue;
    for (const { source, path, form } of scriptSources(step)) {
      let expressions: string[];
      try {
        expressions =
          form === 'code'
            ? [source]
            : (parseTemplateString(source) ?? []).flatMap((p) => ('expression' in p ? [p.expression] : []));
      } catch (error) {
        if (error instanceof TemplateSyntaxError) continue;
        throw error;
      }
      for (const expression of expressions) {
        const error = await checker.check(expression, form === 'code' ? 'code' : 'expression');
        if (!error) continue;
        const where = error.line !== undefined ? ` (line ${error.line}, column ${error.column ?? 0})` : '';
        problems.push({
          code: 'script_syntax',
          nodeId: step.id,
          pointer: pointerOf('steps', index, ...path),
          field: path.join('.'),
          message: `${error.message}${where}`,
        });
      }
    }
  }
  return problems;
}
