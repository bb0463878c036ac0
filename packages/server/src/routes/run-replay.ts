// Replay from a step (POST /api/runs/:id/replay): a finished run (succeeded, failed or cancelled) runs again from
// step N: the steps before it keep their recorded outputs, N and what follows run again (core replay.ts), optionally
// with an edited input for N, checked against the step's input schema (the connector action's, or the engine
// node's). The new run links to the original (`retryOf`, trigger kind `replay`) and, being a new run, gives its
// steps new idempotency keys (`<runId>:<stepKey>`), so providers do not answer with the original response.
// A run of a draft replays the current draft. Its own router, beside the runs API (routes/runs.ts).
import {
  buildGraph,
  controlConfigSchemas,
  keptByReplay,
  parseActionRef,
  replayedNodes,
  type FlowDefinition,
  type JsonValue,
  type StepNode,
} from '@weft/core';
import { API } from '@weft/core/contract';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export function runReplayRoutes(services: Services) {
  const { store } = services;
  const router = securedRouter(store);
  const route = routesOn(router, services.config.bodyLimit);

  route(API.replayRun).handle(async ({ params, body }) => {
    const run = await store.runs.get(params.id);
    if (!run) throw new HttpProblem(404, 'run_not_found', `There is no run with id "${params.id}".`);
    if (!FINISHED.has(run.status)) {
      throw new HttpProblem(409, 'run_not_finished', `Run ${run.id} is ${run.status}; replay it once it finished.`);
    }
    const flow =
      run.flowVersion === undefined
        ? (await store.flows.get(run.flowId))?.definition
        : (await store.flows.getVersion(run.flowId, run.flowVersion))?.definition;
    if (!flow) throw new HttpProblem(404, 'flow_not_found', `The flow of run ${run.id} no longer exists.`);
    const from = body.from;
    const step = flow.steps.find((s) => s.id === from);
    if (!step && flow.trigger.id !== from) {
      throw new HttpProblem(404, 'node_not_found', `The flow of run ${run.id} has no step "${from}".`, {
        pointer: '/from',
      });
    }
    const edited = body.input === undefined ? {} : editedInput(services, flow, step, body.input);
    const again = replayedNodes(flow, from);
    const replay = await store.runs.replay({ runId: run.id, from, keep: (s) => keptByReplay(s, again), ...edited });
    services.wake();
    return { runId: replay.id, retryOf: run.id };
  });

  return router;
}

/** Where an edited input goes: the run's input when replaying from the trigger, else the step's (checked). */
function editedInput(
  services: Services,
  flow: FlowDefinition,
  step: StepNode | undefined,
  input: JsonValue,
): { input?: JsonValue; stepInput?: JsonValue } {
  if (!step) return { input };
  if (buildGraph(flow).loopOf.has(step.id)) {
    throw new HttpProblem(
      422,
      'invalid_replay_input',
      `Step "${step.id}" runs once per item of a forEach: replay it without an edited input.`,
      { pointer: '/input' },
    );
  }
  const check = validatorOf(services, step);
  if (check && !check(input)) {
    const problems = (check.errors ?? []).map((error) => ({
      code: 'invalid_replay_input',
      pointer: `/input${error.instancePath}`,
      message: `${error.instancePath || 'the input'} ${error.message ?? 'is not valid'}`,
    }));
    throw new HttpProblem(
      422,
      'invalid_replay_input',
      `The input does not match the input schema of step "${step.id}": ${problems[0]?.message}.`,
      { pointer: problems[0]?.pointer ?? '/input', problems },
    );
  }
  return { stepInput: input };
}

// Formats (uri, email) are left to the action itself, which checks its input when it runs.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** The JSON Schema a step's input must match: its action's input, or the engine node's config schema. */
function validatorOf(services: Services, step: StepNode): ValidateFunction | undefined {
  let schema: object | undefined = (controlConfigSchemas as Record<string, object>)[step.use];
  const ref = parseActionRef(step.use);
  if (!schema && ref) {
    const manifest = services.platform?.registry
      .manifests()
      .find((m) => m.name === ref.connector && Number(m.version.split('.')[0]) === ref.major);
    schema = manifest?.actions.find((action) => action.key === ref.action)?.input;
  }
  if (!schema) return undefined;
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  return check;
}
