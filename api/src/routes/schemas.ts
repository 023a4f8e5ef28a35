import { z } from 'zod';

/** An address on the wire: 0x and 40 hex digits (any case), not the zero address. */
export const addressParam = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x followed by 40 hex digits')
  .refine((v) => !/^0x0{40}$/.test(v), 'must not be the zero address');

/** A uint256 on the wire: a base-10 string. */
export const uint256String = z.string().superRefine((value, ctx) => {
  // One check after the other: BigInt() of a string that is not digits would throw.
  if (!/^(0|[1-9][0-9]*)$/.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a base-10 integer string without sign, point or leading zeros',
    });
  } else if (value.length > 78 || BigInt(value) >= 2n ** 256n) {
    ctx.addIssue({ code: 'custom', message: 'must fit in uint256' });
  }
});

export const hexSignature = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte hex signature');

export const costStage = z.object({
  amount: z.string().describe('buy-token base units (exact)'),
  bps: z.number().describe('the same in bps of the arrival mid value, rounded to 0.0001 bps'),
});
export const costBreakdown = z.object({
  priceImpact: costStage,
  fees: costStage,
  gas: costStage,
  mevLeakage: costStage,
  delayRisk: costStage,
  fillRisk: costStage,
  total: costStage,
});

export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

export const intentStatus = z.enum([
  'received',
  'routing',
  'submitted',
  'partially_filled',
  'filled',
  'expired',
  'failed',
  'cancelled',
]);
