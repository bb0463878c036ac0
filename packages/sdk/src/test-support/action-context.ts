// The context the engine passes an action handler, for tests that call a resolved handler directly: run `r`,
// step `n`, no credential, first attempt, logs dropped. `extra` overrides any part (a credential, a log sink).
import type { ActionContext } from '@weft/core';

export function actionContext(input: ActionContext['input'] = {}, extra: Partial<ActionContext> = {}): ActionContext {
  return {
    runId: 'r',
    nodeId: 'n',
    input,
    credentialId: undefined,
    idempotencyKey: 'k',
    attempt: 1,
    signal: new AbortController().signal,
    log: () => undefined,
    ...extra,
  };
}
