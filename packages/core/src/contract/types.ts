// The TypeScript side of a route: its params, query, body and success reply, inferred from its schemas.
import type { Api, RouteContract, RouteName } from './routes.js';
import type { Infer } from './schema.js';

type Route<R> = R extends RouteName ? Api[R] : R;
type Part<R, K extends 'params' | 'query' | 'body'> =
  Route<R> extends { readonly [P in K]: infer S } ? Infer<S> : Record<string, never>;
type Responses<R> = Route<R> extends { readonly responses: infer All } ? All : never;
type SuccessSchema<R> = Responses<R>[Extract<keyof Responses<R>, 200 | 201 | 202 | 204 | 302> & keyof Responses<R>];

export type Params<R extends RouteName | RouteContract> = Part<R, 'params'>;
export type Query<R extends RouteName | RouteContract> = Part<R, 'query'>;
export type Body<R extends RouteName | RouteContract> = Part<R, 'body'>;
/** The body of the route's success response (`undefined` when it has none). */
export type Reply<R extends RouteName | RouteContract> = RouteContract extends R
  ? unknown
  : SuccessSchema<R> extends infer S
    ? S extends null
      ? undefined
      : Infer<S>
    : never;
