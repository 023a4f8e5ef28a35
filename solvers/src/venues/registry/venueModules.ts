import { type HedgeIntent, HedgeRouterError, type RouteCandidate } from '@hedge-router/router';
import { z } from 'zod';
import {
  batchAuctionCandidatesAt,
  batchAuctionObservationSchema,
} from '../batchAuction/batchAuctionCandidates.js';
import { createBatchAuctionVenue } from '../batchAuction/createBatchAuctionVenue.js';
import { bundleCandidatesAt, bundleObservationSchema } from '../bundle/bundleCandidates.js';
import { createBundleVenue } from '../bundle/createBundleVenue.js';
import { createCrossChainVenue } from '../crossChain/createCrossChainVenue.js';
import { crossChainCandidatesAt, crossChainObservationSchema } from '../crossChain/crossChainCandidates.js';
import { createPublicAmmVenue } from '../publicAmm/createPublicAmmVenue.js';
import { publicAmmCandidatesAt, publicAmmObservationSchema } from '../publicAmm/publicAmmCandidates.js';
import type { Venue, VenueKind, VenueObservation } from '../types.js';
import {
  batchAuctionConfigSchema,
  bundleConfigSchema,
  crossChainConfigSchema,
  publicAmmConfigSchema,
} from './venueConfigs.js';
import type { VenueEnv } from './venueEnv.js';

/** What a venue's candidates are built for: the intent and the decision's clock. */
export type CandidatesRequest = {
  intent: Pick<HedgeIntent, 'sellToken' | 'buyToken' | 'deadline' | 'sellAmount'>;
  nowSeconds: number;
};

/**
 * A venue kind as a module: its config schema (the terms an operator sets, validated with the
 * field named) and factory (the live venue, wired to `VenueEnv`), and its pure half: the schema
 * of what it observes (decodes a recorded observation) and `candidatesAt`, which builds its
 * candidates from an observation. The live venue quotes by observing and calling `candidatesAt`;
 * the audit calls it on the recorded observation; so a decision can be re-priced as it was made.
 */
export type VenueModule<O extends VenueObservation, C = unknown> = {
  kind: O['kind'];
  configSchema: z.ZodType<C, unknown>;
  create: (config: C, env: VenueEnv) => Venue;
  observationSchema: z.ZodType<O, unknown>;
  candidatesAt: (observation: O, request: CandidatesRequest) => RouteCandidate[];
};

const poll = (env: VenueEnv) =>
  env.pollIntervalMs === undefined ? {} : { pollIntervalMs: env.pollIntervalMs };

function required<T>(value: T | undefined, what: string, kind: VenueKind): T {
  if (value === undefined) throw new Error(`${kind}: the venue environment has no ${what}`);
  return value;
}

/** Every venue kind's pure half, by kind: a new kind fails to compile until it is listed here. */
export const venueModules: { [K in VenueKind]: VenueModule<Extract<VenueObservation, { kind: K }>> } = {
  'public-amm': {
    kind: 'public-amm',
    configSchema: publicAmmConfigSchema,
    create: (config, env) =>
      createPublicAmmVenue({
        ...(config as z.output<typeof publicAmmConfigSchema>),
        chainId: env.chainId,
        client: env.client,
        operator: env.operator,
        executor: env.executor,
        wrappedNative: env.wrappedNative,
        pools: env.pools,
        blockTimeSeconds: env.blockTimeSeconds,
        ...poll(env),
      }),
    observationSchema: publicAmmObservationSchema,
    candidatesAt: publicAmmCandidatesAt,
  },
  'private-bundle': {
    kind: 'private-bundle',
    configSchema: bundleConfigSchema,
    create: (config, env) =>
      createBundleVenue({
        ...(config as z.output<typeof bundleConfigSchema>),
        chainId: env.chainId,
        client: env.client,
        rpcUrl: env.rpcUrl,
        relayAuthKey: required(env.relayAuthKey, 'relay auth key', 'private-bundle'),
        operator: env.operator,
        executor: env.executor,
        pools: env.pools,
        blockTimeSeconds: env.blockTimeSeconds,
        wrappedNative: env.wrappedNative,
        ...poll(env),
      }),
    observationSchema: bundleObservationSchema,
    candidatesAt: bundleCandidatesAt,
  },
  'batch-auction': {
    kind: 'batch-auction',
    configSchema: batchAuctionConfigSchema,
    create: (config, env) =>
      createBatchAuctionVenue({
        ...(config as z.output<typeof batchAuctionConfigSchema>),
        chainId: env.chainId,
        client: env.client,
        operator: env.operator,
        executor: env.executor,
        settlement: required(env.cowSettlement, 'CoW settlement', 'batch-auction'),
        pools: env.pools,
        ...poll(env),
      }),
    observationSchema: batchAuctionObservationSchema,
    candidatesAt: batchAuctionCandidatesAt,
  },
  'cross-chain': {
    kind: 'cross-chain',
    configSchema: crossChainConfigSchema,
    create: (config, env) => {
      const bridge = required(env.bridge, 'bridge (remote chain and spoke pools)', 'cross-chain');
      return createCrossChainVenue({
        ...(config as z.output<typeof crossChainConfigSchema>),
        origin: {
          chainId: env.chainId,
          client: env.client,
          operator: env.operator,
          executor: env.executor,
          spokePool: bridge.originSpokePool,
        },
        destination: bridge.destination,
        tokenRoutes: bridge.tokenRoutes,
        ...poll(env),
        ...(env.nowSeconds ? { nowSeconds: env.nowSeconds } : {}),
      });
    },
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

/**
 * Builds the venue a kind's module makes from a config, after validating it with the module's
 * schema: a bad config throws INVALID_INPUT naming `venues.<kind>.<field>`. The one way venues
 * are built (the service's createVenues, the execution benchmark's strategies).
 */
export function createVenue(kind: VenueKind, config: unknown, env: VenueEnv): Venue {
  const module = venueModules[kind] as VenueModule<VenueObservation>;
  const parsed = module.configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HedgeRouterError('INVALID_INPUT', {
      field: ['venues', kind, ...(issue?.path ?? [])].join('.'),
      shortMessage: issue?.message ?? 'invalid venue config',
    });
  }
  return module.create(parsed.data, env);
}
