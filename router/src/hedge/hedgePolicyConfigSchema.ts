import { z } from 'zod';

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/**
 * The wire shape of a hedge policy choice, shared by the API (`POST /v1/hedge-plans`) and the
 * backtester's scenario files, so both validate the same way and name the same fields.
 * Units: years, fractions of notional (0.001 = 10 bps), risk aversion per USD, widths in
 * units of the underlying.
 */
export const hedgePolicyConfigSchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('interval'), intervalYears: nonNegative }),
  z.object({
    policy: z.literal('band'),
    halfWidth: nonNegative,
    tradeTo: z.enum(['edge', 'centre']).optional(),
  }),
  z.object({ policy: z.literal('whalley-wilmott'), riskAversion: positive, oneWayCost: nonNegative }),
  z.object({ policy: z.literal('zakamouline'), riskAversion: positive, oneWayCost: nonNegative }),
  z.object({ policy: z.literal('leland'), intervalYears: positive, oneWayCost: nonNegative }),
  z.object({
    policy: z.literal('adaptive'),
    riskAversion: positive,
    minHalfWidth: nonNegative.optional(),
    maxHalfWidth: nonNegative.optional(),
    tradeTo: z.enum(['edge', 'centre']).optional(),
  }),
]);

export type HedgePolicyConfig = z.infer<typeof hedgePolicyConfigSchema>;
