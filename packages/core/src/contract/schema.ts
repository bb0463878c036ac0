// How a contract schema becomes a TypeScript type: json-schema-to-ts infers it, and the `x-weft-type` marker
// stands for a type core already owns (a flow definition, any JSON value) that JSON Schema cannot spell usefully.
// Type-only: at run time the contract is plain objects.
import type { ExtendedJSONSchema, FromExtendedSchema } from 'json-schema-to-ts';
import type { FlowDefinition } from '../flow.js';
import type { FlowFile } from '../flow-files.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { ErrorInfo } from '../errors.js';

type Extension = { [WEFT_TYPE]: string };
export type JSONSchema = ExtendedJSONSchema<Extension>;

/**
 * Names the core type a schema stands for; the OpenAPI document turns `FlowDefinition` into a $ref (and
 * `FlowBody`, a definition or `{ definition }` around it, into both).
 */
export const WEFT_TYPE = 'x-weft-type';

type Marked<Name extends string, Output> = { pattern: { [WEFT_TYPE]: Name }; output: Output };

/**
 * Object schemas with `properties` are read as closed (no index signature in the type) unless they say otherwise:
 * the wire may carry more, but code reads only what the contract declares.
 */
type Close<S> = S extends { readonly [WEFT_TYPE]: string }
  ? S
  : S extends readonly unknown[]
    ? { readonly [I in keyof S]: Close<S[I]> }
    : S extends object
      ? {
          readonly [
            K in keyof S | (S extends { properties: object } ? 'additionalProperties' : never)
          ]: K extends keyof S
            ? K extends 'additionalProperties' | 'const' | 'enum' | 'default'
              ? S[K]
              : Close<S[K]>
            : false;
        }
      : S;

export type Infer<S> =
  Close<S> extends infer C extends JSONSchema
    ? FromExtendedSchema<
        Extension,
        C,
        {
          deserialize: [
            Marked<'FlowDefinition', FlowDefinition>,
            Marked<'FlowFile', FlowFile>,
            Marked<'JsonValue', JsonValue>,
            Marked<'JsonObject', JsonObject>,
            Marked<'FlowBody', FlowDefinition | { definition: FlowDefinition } | JsonObject>,
            Marked<'Opaque', object>,
            Marked<'ErrorInfo', ErrorInfo>,
          ];
        }
      >
    : never;

/** A schema for a core-owned type (see WEFT_TYPE); `base` is what requests are checked against. */
export const coreType = <
  Name extends 'FlowDefinition' | 'FlowFile' | 'FlowBody' | 'JsonValue' | 'JsonObject' | 'ErrorInfo' | 'Opaque',
  B extends object,
>(
  name: Name,
  base: B,
) => ({ ...base, 'x-weft-type': name });
