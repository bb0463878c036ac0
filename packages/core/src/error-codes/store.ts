// Codes of the store (flows, runs, accounts, payloads, the database) and of the credential vault.
import type { ErrorEntry } from '../error-catalogue.js';

export const STORE_ERRORS = {
  flow_exists: { fault: 'user', status: 409, title: 'A flow with this id already exists' },
  flow_not_found: { fault: 'user', status: 404, title: 'There is no flow with this id' },
  flow_version_not_found: { fault: 'user', status: 404, title: 'The flow has no such version' },
  flow_not_published: { fault: 'user', status: 409, title: 'The flow has no published version yet' },
  run_not_found: { fault: 'user', status: 404, title: 'There is no run with this id' },
  user_exists: { fault: 'user', status: 409, title: 'A user with this email already exists' },
  invalid_cursor: { fault: 'user', status: 400, title: 'The pagination cursor is not valid' },
  payload_too_large: { fault: 'user', status: 413, title: 'The payload is larger than the limit' },
  payload_lost: { fault: 'system', status: 500, title: 'A truncated payload cannot be resumed from' },
  config_invalid: { fault: 'user', status: 500, title: 'A setting (environment variable) has a value Weft cannot use' },
  store_config_invalid: { fault: 'user', status: 500, title: 'The database settings are not usable' },
  store_unavailable: { fault: 'system', status: 503, title: 'The database cannot be reached or opened' },
  store_migration_failed: { fault: 'system', status: 500, title: 'A database migration failed' },
  store_too_new: { fault: 'system', status: 500, title: 'The database was migrated by a newer Weft' },
  store_copy_target_not_empty: { fault: 'user', status: 409, title: 'The database copied into already holds data' },
  store_copy_failed: { fault: 'system', status: 500, title: 'Copying a database stopped part-way' },
  vault_bad_key: { fault: 'system', status: 500, title: 'The secret key is not usable' },
  vault_bad_format: { fault: 'system', status: 500, title: 'A sealed credential is not in a known format' },
  vault_wrong_key: { fault: 'system', status: 500, title: 'A credential was sealed with another key' },
  vault_tampered: { fault: 'system', status: 500, title: 'A sealed credential was altered' },
} as const satisfies Record<string, ErrorEntry>;
