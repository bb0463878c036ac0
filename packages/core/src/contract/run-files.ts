// Routes of run files: the bytes of a file a run received or produced (a webhook upload, a binary HTTP
// response), named in its data by a file reference (`{ $file }`, file-ref.ts). Whoever may read the run's data
// may download its files; the answer is always an attachment, never rendered by the browser.
import type { RouteContract } from './routes.js';

export const RUN_FILE_ROUTES = {
  downloadRunFile: {
    method: 'get',
    path: '/api/runs/{id}/files/{fileId}',
    summary: 'A file of the run, streamed as an attachment (Content-Disposition: attachment, the stored type, nosniff)',
    access: 'viewer',
    params: {
      type: 'object',
      required: ['id', 'fileId'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 200 },
        fileId: { type: 'string', pattern: '^fil_[A-Za-z0-9_-]{8,64}$' },
      },
    },
    responses: { 200: null },
  },
} as const satisfies Record<string, RouteContract>;
