// Syntax check of every expression and code body of a flow, through the sandbox's SyntaxChecker.
import type { FlowDefinition } from './flow.js';
import type { SyntaxChecker } from './ports.js';
import { pointerOf, type Problem } from './problems.js';
import { parseTemplateString } from './template.js';
import { scriptSources } from './validate.js';

export async function checkFlowScripts(flow: FlowDefinition, checker: SyntaxChecker): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [index, step] of flow.steps.entries()) {
    for (const { source, path, form } of scriptSources(step)) {
      const expressions =
        form === 'code'
          ? [source]
          : (parseTemplateString(source) ?? []).flatMap((p) => ('expression' in p ? [p.expression] : []));
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
