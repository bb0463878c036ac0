// Codes of the connector SDK: the seven generic kinds every ConnectorError falls back to, and the SDK's own
// more specific codes (HTTP transport, credentials, OAuth, the registry, scaffolding).
//
// A connector may refine a kind with its own code (`stripe_customer_deleted`, `slack_<api error>`): such codes
// are not listed here, because a connector is a plugin the core cannot know. They inherit the fault, status
// and doc anchor of their kind (`details.kind`), and connector docs describe them. See docs/errors.md.
import type { ErrorEntry } from '../error-catalogue.js';

export const CONNECTOR_KIND_ERRORS = {
  connector_auth: { fault: 'user', status: 400, title: 'The connection was refused by the service' },
  connector_validation: { fault: 'user', status: 400, title: 'The step input is not valid for the service' },
  connector_not_found: { fault: 'user', status: 400, title: 'The service has no such resource' },
  connector_rate_limited: { fault: 'upstream', status: 502, title: 'The service asked to slow down' },
  connector_upstream: { fault: 'upstream', status: 502, title: 'The service failed' },
  connector_network: { fault: 'upstream', status: 502, title: 'The service could not be reached' },
  connector_timeout: { fault: 'upstream', status: 504, title: 'The service did not answer in time' },
} as const satisfies Record<string, ErrorEntry>;

export const CONNECTOR_ERRORS = {
  ...CONNECTOR_KIND_ERRORS,
  connector_failed: { fault: 'system', status: 500, title: 'A connector failed in an unexpected way' },
  connector_invalid_input: { fault: 'user', status: 400, title: 'The step input does not match the action' },
  connector_invalid_config: { fault: 'user', status: 400, title: 'The trigger settings do not match the trigger' },
  connector_bad_url: { fault: 'user', status: 400, title: 'The request URL is not valid' },
  connector_bad_base_url: { fault: 'user', status: 400, title: 'The connection has an invalid base URL' },
  connector_url_scheme: { fault: 'user', status: 400, title: 'Only http and https URLs are allowed' },
  connector_address_blocked: { fault: 'upstream', status: 502, title: 'The outbound address is not allowed' },
  connector_too_many_redirects: { fault: 'upstream', status: 502, title: 'The service redirected too often' },
  connector_response_too_large: { fault: 'upstream', status: 502, title: 'The response is larger than the limit' },
  connector_file_not_found: { fault: 'user', status: 400, title: 'The step refers to a file that is gone' },
  connector_invalid_json: { fault: 'upstream', status: 502, title: 'The service answered invalid JSON' },
  connector_circuit_open: { fault: 'upstream', status: 502, title: 'The service failed repeatedly; calls are paused' },
  connector_needs_reconnect: { fault: 'user', status: 400, title: 'The connection must be connected again' },
  connector_credential_missing: { fault: 'user', status: 400, title: 'The step needs a connection' },
  connector_credential_not_found: { fault: 'user', status: 400, title: 'The connection no longer exists' },
  connector_credential_mismatch: { fault: 'user', status: 400, title: 'The connection is for another connector' },
  connector_credential_incomplete: { fault: 'user', status: 400, title: 'The connection lacks a required field' },
  connector_invalid_connection_string: { fault: 'user', status: 400, title: 'The connection string is not valid' },
  connector_tls_file_refused: { fault: 'user', status: 400, title: 'A TLS file path is not allowed' },
  connector_unknown_trigger: { fault: 'user', status: 400, title: 'The connector has no such trigger' },
  connector_trigger_kind: { fault: 'user', status: 400, title: 'The trigger is of another kind' },
  connector_manifest_invalid: { fault: 'system', status: 500, title: 'An installed connector is not valid' },
  connector_duplicate: { fault: 'system', status: 500, title: 'Two installed connectors have the same name' },
  connector_import_failed: { fault: 'system', status: 500, title: 'An installed connector could not be loaded' },
  connector_no_default_export: { fault: 'system', status: 500, title: 'A connector package exports no connector' },
  credentials_unavailable: { fault: 'system', status: 500, title: 'No credential store is configured' },
  oauth_unknown_connector: { fault: 'user', status: 400, title: 'No installed connector has this name' },
  oauth_not_supported: { fault: 'user', status: 400, title: 'The connector does not use OAuth' },
  oauth_client_missing: { fault: 'user', status: 400, title: 'The OAuth client id or secret is not configured' },
  oauth_state_invalid: { fault: 'user', status: 400, title: 'The OAuth state is unknown or expired' },
  oauth_denied: { fault: 'user', status: 400, title: 'The authorization was not granted' },
  oauth_code_missing: { fault: 'user', status: 400, title: 'The provider sent no authorization code' },
  oauth_exchange_failed: { fault: 'user', status: 400, title: 'The provider refused the authorization code' },
  scaffold_bad_name: { fault: 'user', status: 400, title: 'The connector name is not valid' },
  scaffold_dir_not_empty: { fault: 'user', status: 400, title: 'The target folder is not empty' },
} as const satisfies Record<string, ErrorEntry>;
