// Turns a connector action into core's ActionHandler: validates the input against the action's schema, opens
// the step scope (credential, auth, http, log) and runs the action; outputs and errors leave redacted.
import { runSync } from '../sync/sync.js';
import type { ActionContext, ActionHandler } from '@weft/core';
import type { ValidateFunction } from 'ajv';
import type { ActionDefinition } from '../define/action.js';
import type { ConnectorDefinition } from '../define/connector.js';
import { ConnectorError } from '../errors.js';
import { schemaAjv } from '../manifest/validate-connector.js';
import { SecretSet } from '../redact.js';
import type { SharedRuntime } from './runtime.js';
import { describeSchemaProblems, schemaProblems } from './schema-problems.js';
import { openStepScope, sanitizeError, sanitizeOutput } from './step-scope.js';

export function createActionHandler(
  runtime: SharedRuntime,
  connector: ConnectorDefinition,
  action: ActionDefinition,
): ActionHandler {
  const validateInput = schemaAjv.compile(action.input as object);
  const validateOutput = schemaAjv.compile(action.output as object);
  const label = `${connector.title} · ${action.title}`;

  return async (ctx: ActionContext) => {
    const secrets = new SecretSet();
    let signal: AbortSignal | undefined;
    try {
      const input = checkInput(validateInput, ctx.input, label);
      const scope = await openStepScope(
        runtime,
        {
          connector,
          action: action.key,
          credentialId: ctx.credentialId,
          log: (level, message) => ctx.log(level, message),
          signal: ctx.signal,
          ...(ctx.sendIdempotencyKey === false ? {} : { idempotencyKey: ctx.idempotencyKey }),
          ...(action.retry === undefined ? {} : { retry: action.retry }),
          ...(ctx.stepAttempts === undefined ? {} : { stepAttempts: ctx.stepAttempts }),
          runId: ctx.runId,
        },
        secrets,
      );
      signal = scope.signal;
      const output = await action.run({
        input,
        http: scope.http,
        auth: scope.auth,
        log: scope.log,
        signal: scope.signal,
        outbound: scope.outbound,
        files: scope.files,
        runId: ctx.runId,
        nodeId: ctx.nodeId,
        idempotencyKey: ctx.idempotencyKey,
        attempt: ctx.attempt,
        sync: async (name, source, target, options) => {
          const log = await runSync(source, target, { now: () => runtime.clock.now(), ...options });
          try {
            await runtime.syncLogs?.record({
              ...log,
              name,
              connector: connector.name,
              action: action.key,
              runId: ctx.runId,
            });
          } catch (error) {
            scope.log('warn', `The sync log of "${name}" could not be kept: ${String(error)}`);
          }
          return log;
        },
      });
      const json = sanitizeOutput(output, secrets);
      if (!validateOutput(json)) {
        scope.log(
          'warn',
          `${label} returned output that does not match its declared schema: ${describe(validateOutput)}`,
        );
      }
      return json;
    } catch (error) {
      throw sanitizeError(error, secrets, signal, label);
    }
  };
}

function checkInput(validate: ValidateFunction, input: unknown, label: string): unknown {
  // A copy: Ajv fills declared defaults in, and the engine's object must stay as it was.
  const copy = structuredClone(input ?? {});
  if (validate(copy)) return copy;
  const problems = schemaProblems(validate.errors);
  throw new ConnectorError({
    kind: 'validation',
    code: 'connector_invalid_input',
    message: `Invalid input for ${label}: ${describeSchemaProblems(problems, '(input)')}`,
    details: { problems: problems.map((p) => ({ ...p })) },
  });
}

function describe(validate: ValidateFunction): string {
  return describeSchemaProblems(schemaProblems(validate.errors), '(output)');
}
