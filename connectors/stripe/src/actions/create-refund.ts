// Create refund: POST /v1/refunds for a payment intent or a charge, in full or in part.
import { ConnectorError, defineAction, type FromSchema } from '@weft/sdk';
import { stripeForm } from '../form-encoding.js';
import { idInput, metadataInput, refundSchema } from '../stripe-objects.js';

export const createRefund = defineAction({
  key: 'createRefund',
  title: 'Create refund',
  description: 'Refunds a payment (by payment intent or charge), in full or the given amount.',
  input: {
    type: 'object',
    properties: {
      paymentIntentId: idInput('pi', 'Payment intent id'),
      chargeId: { type: 'string', title: 'Charge id', pattern: '^(ch|py)_[A-Za-z0-9_]+$' },
      amount: {
        type: 'integer',
        minimum: 1,
        title: 'Amount',
        description: 'In the smallest currency unit (cents); the whole payment when left out.',
      },
      reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'], title: 'Reason' },
      metadata: metadataInput,
    },
    additionalProperties: false,
  } as const,
  output: refundSchema,
  async run(ctx) {
    const { paymentIntentId, chargeId, amount, reason, metadata } = ctx.input;
    if ((paymentIntentId === undefined) === (chargeId === undefined)) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'stripe_refund_target',
        message: 'Give either a payment intent id or a charge id to refund (exactly one).',
      });
    }
    const response = await ctx.http.request<FromSchema<typeof refundSchema>>({
      method: 'POST',
      url: '/refunds',
      form: stripeForm({ payment_intent: paymentIntentId, charge: chargeId, amount, reason, metadata }),
    });
    return response.body;
  },
});
