// Get user: GET /v1/users/:id on Clerk's Backend API.
import { defineAction } from '@weft/sdk';
import { toUser, userSchema, type ClerkUser } from '../user-shape.js';

export const getUser = defineAction({
  key: 'getUser',
  title: 'Get user',
  description: 'Retrieves a Clerk user by id, with the primary email address picked out.',
  input: {
    type: 'object',
    properties: { userId: { type: 'string', title: 'User id', pattern: '^user_[A-Za-z0-9]+$' } },
    required: ['userId'],
    additionalProperties: false,
  } as const,
  output: userSchema,
  async run(ctx) {
    const response = await ctx.http.request<ClerkUser>({ url: `/users/${encodeURIComponent(ctx.input.userId)}` });
    return toUser(response.body);
  },
});
