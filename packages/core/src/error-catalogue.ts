// The error catalogue: every error code Weft raises, declared once with whose fault it is, the HTTP status it
// answers with, a plain-language title and its doc anchor. WeftError takes its default fault from here, the
// server's problem+json reads status and title from here, and docs/errors.md is generated from here.
import { CONNECTOR_ERRORS } from './error-codes/connector.js';
import { FLOW_ERRORS } from './error-codes/flow.js';
import { HTTP_ERRORS } from './error-codes/http.js';
import { STORE_ERRORS } from './error-codes/store.js';
import { TEAM_ERRORS } from './error-codes/teams.js';

/** `user`: the flow, input or request is wrong; `upstream`: a third party failed; `system`: Weft itself failed. */
export type Fault = 'user' | 'upstream' | 'system';

export interface ErrorEntry {
  fault: Fault;
  /** The status of a problem+json carrying this code. */
  status: number;
  /** What went wrong, in a few plain words: the problem's `title`. */
  title: string;
}

export interface ErrorSection {
  heading: string;
  about: string;
  codes: Readonly<Record<string, ErrorEntry>>;
}

/** The catalogue in the order the docs list it. */
export const ERROR_SECTIONS: readonly ErrorSection[] = [
  { heading: 'Flows and runs', about: 'Validation problems, the engine and the script sandbox.', codes: FLOW_ERRORS },
  { heading: 'HTTP API', about: "The server's refusals of a request.", codes: HTTP_ERRORS },
  {
    heading: 'Store and vault',
    about: 'Flows, runs and accounts as stored; the database; sealed credentials.',
    codes: STORE_ERRORS,
  },
  {
    heading: 'Users and audit',
    about: 'User management (invites, roles, deactivation, password resets) and the audit log.',
    codes: TEAM_ERRORS,
  },
  {
    heading: 'Connectors',
    about: 'The connector SDK: generic kinds, HTTP transport, connections, OAuth.',
    codes: CONNECTOR_ERRORS,
  },
];

export const ERROR_CATALOGUE = {
  ...FLOW_ERRORS,
  ...HTTP_ERRORS,
  ...STORE_ERRORS,
  ...TEAM_ERRORS,
  ...CONNECTOR_ERRORS,
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The status a problem with `code` answers with. */
export type StatusOf<C extends ErrorCode> = (typeof ERROR_CATALOGUE)[C]['status'];

/** Where the server serves the catalogue; each code's anchor is the code itself (`/errors#flow_not_found`). */
export const ERROR_DOCS_PATH = '/errors';

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

export function errorEntry(code: string): ErrorEntry | undefined {
  return isErrorCode(code) ? ERROR_CATALOGUE[code] : undefined;
}
