import type { OptionBook } from '../options/createBook.js';
import { createAdaptivePolicy } from './createAdaptivePolicy.js';
import { createBandPolicy } from './createBandPolicy.js';
import { createIntervalPolicy } from './createIntervalPolicy.js';
import { createLelandPolicy } from './createLelandPolicy.js';
import { createWhalleyWilmottPolicy } from './createWhalleyWilmottPolicy.js';
import { createZakamoulinePolicy } from './createZakamoulinePolicy.js';
import type { HedgePolicyConfig } from './hedgePolicyConfigSchema.js';
import type { HedgePolicy } from './types.js';

export type CreateHedgePolicyParameters = { book: OptionBook; config: HedgePolicyConfig };

/** Builds the policy a config names (validate the config with `hedgePolicyConfigSchema` first). */
export function createHedgePolicy({ book, config }: CreateHedgePolicyParameters): HedgePolicy {
  switch (config.policy) {
    case 'interval':
      return createIntervalPolicy({ book, intervalYears: config.intervalYears });
    case 'band':
      return createBandPolicy({ book, halfWidth: config.halfWidth, tradeTo: config.tradeTo ?? 'edge' });
    case 'whalley-wilmott':
      return createWhalleyWilmottPolicy({
        book,
        riskAversion: config.riskAversion,
        oneWayCost: config.oneWayCost,
      });
    case 'zakamouline':
      return createZakamoulinePolicy({
        book,
        riskAversion: config.riskAversion,
        oneWayCost: config.oneWayCost,
      });
    case 'leland':
      return createLelandPolicy({ book, intervalYears: config.intervalYears, oneWayCost: config.oneWayCost });
    case 'adaptive':
      return createAdaptivePolicy({
        book,
        riskAversion: config.riskAversion,
        minHalfWidth: config.minHalfWidth ?? 0,
        maxHalfWidth: config.maxHalfWidth ?? Number.POSITIVE_INFINITY,
        tradeTo: config.tradeTo ?? 'edge',
      });
  }
}
