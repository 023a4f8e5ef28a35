import type { HedgeIntent, RouteCandidate } from '@hedge-router/router';
import { z } from 'zod';
import {
  batchAuctionCandidatesAt,
  batchAuctionObservationSchema,
} from '../batchAuction/batchAuctionCandidates.js';
import { bundleCandidatesAt, bundleObservationSchema } from '../bundle/bundleCandidates.js';
import { crossChainCandidatesAt, crossChainObservationSchema } from '../crossChain/crossChainCandidates.js';
import { publicAmmCandidatesAt, publicAmmObservationSchema } from '../publicAmm/publicAmmCandidates.js';
import type { VenueKind, VenueObservation } from '../types.js';

/** What a venue's candidates are built for: the intent and the decision's clock. */
export type CandidatesRequest = {
  intent: Pick<HedgeIntent, 'sellToken' | 'buyToken' | 'deadline' | 'sellAmount'>;
  nowSeconds: number;
};

/**
 * A venue kind's pure half: the schema of what it observes (decodes a recorded observation) and
 * `candidatesAt`, which builds its candidates from an observation. The live venue (its factory)
 * quotes by observing and calling this; the audit calls it on the recorded observation; so a
 * decision can be re-priced exactly as it was made.
 */
export type VenueModule<O extends VenueObservation> = {
  kind: O['kind'];
  observationSchema: z.ZodType<O, unknown>;
  candidatesAt: (observation: O, request: CandidatesRequest) => RouteCandidate[];
};

/** Every venue kind's pure half, by kind: a new kind fails to compile until it is listed here. */
export const venueModules: { [K in VenueKind]: VenueModule<Extract<VenueObservation, { kind: K }>> } = {
  'public-amm': {
    kind: 'public-amm',
    observationSchema: publicAmmObservationSchema,
    candidatesAt: publicAmmCandidatesAt,
  },
  'private-bundle': {
    kind: 'private-bundle',
    observationSchema: bundleObservationSchema,
    candidatesAt: bundleCandidatesAt,
  },
  'batch-auction': {
    kind: 'batch-auction',
    observationSchema: batchAuctionObservationSchema,
    candidatesAt: batchAuctionCandidatesAt,
  },
  'cross-chain': {
    kind: 'cross-chain',
    observationSchema: crossChainObservationSchema,
    candidatesAt: (observation) => crossChainCandidatesAt(observation),
  },
};

/** A recorded observation of any venue kind, decoded by its kind's schema. */
export const venueObservationSchema: z.ZodType<VenueObservation, unknown> = z
  .object({ kind: z.enum(Object.keys(venueModules) as [VenueKind, ...VenueKind[]]) })
  .passthrough()
  .transform((value, ctx) => {
    const parsed = venueModules[value.kind].observationSchema.safeParse(value);
    if (parsed.success) return parsed.data as VenueObservation;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    return z.NEVER;
  });

/** The candidates a venue built (or would build) from an observation: its kind's pure `candidatesAt`. */
export function candidatesAt(observation: VenueObservation, request: CandidatesRequest): RouteCandidate[] {
  const module = venueModules[observation.kind] as VenueModule<VenueObservation>;
  return module.candidatesAt(observation, request);
}
