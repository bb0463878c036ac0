// The routes the Operations page reads: its nav entry shows only to roles that may call all of them.
import type { RouteName } from '@weft/core/contract';

export const OPERATIONS_READS: readonly RouteName[] = ['retention', 'deadLetters', 'webhookRejections'];
