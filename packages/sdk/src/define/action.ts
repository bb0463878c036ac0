// defineAction: one operation of a connector. Its input and output are JSON Schemas; `ctx.input` is typed
// from the input schema (write it `as const`).
import type { RetryOptions } from '../http/http-types.js';
import type { ActionRunContext } from './context.js';
import type { FromSchema, JSONSchema } from './json-schema.js';

/** An action as the runtime sees it (types erased). */
export interface ActionDefinition {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly input: JSONSchema;
  readonly output: JSONSchema;
  /** Retry policy of requests made through `ctx.http` (false: never retry in-process). */
  readonly retry?: RetryOptions | false;
  run(ctx: ActionRunContext<unknown>): Promise<unknown>;
}

// `In`/`Out` default to FromSchema of the schemas: computing them as defaulted type parameters (rather than
// inside the interfaces) keeps TypeScript from expanding FromSchema over the generic JSONSchema constraint.
export interface ActionSpec<K extends string, I extends JSONSchema, O extends JSONSchema, In, Out> {
  /** `[A-Za-z][A-Za-z0-9_-]*`; flows use it as `connector@major.key`. */
  key: K;
  title: string;
  description: string;
  input: I;
  output: O;
  retry?: RetryOptions | false;
  run(ctx: ActionRunContext<NoInfer<In>>): Promise<NoInfer<Out>>;
}

/** An action with its key, input and output types kept for inference (e.g. by `runAction`). */
export interface Action<
  K extends string,
  I extends JSONSchema,
  O extends JSONSchema,
  In,
  Out,
  CallIn = In,
> extends ActionDefinition {
  readonly key: K;
  readonly input: I;
  readonly output: O;
  run(ctx: ActionRunContext<In>): Promise<Out>;
  /** Type only: what callers pass — properties with a schema `default` may be left out. */
  readonly __callInput?: CallIn;
}

export function defineAction<
  const K extends string,
  const I extends JSONSchema,
  const O extends JSONSchema,
  In = FromSchema<I>,
  Out = FromSchema<O>,
  CallIn = FromSchema<I, { keepDefaultedPropertiesOptional: true }>,
>(spec: ActionSpec<K, I, O, In, Out>): Action<K, I, O, NoInfer<In>, NoInfer<Out>, NoInfer<CallIn>> {
  return Object.freeze({ ...spec });
}

export type ActionInput<A> = A extends { run(ctx: ActionRunContext<infer In>): Promise<unknown> } ? In : never;
/** What a caller (a test, a flow step) passes: like `ActionInput`, with defaulted properties optional. */
export type ActionCallInput<A> = A extends { readonly __callInput?: infer C } ? C : ActionInput<A>;
export type ActionOutput<A> = A extends { run(ctx: never): Promise<infer Out> } ? Out : never;
