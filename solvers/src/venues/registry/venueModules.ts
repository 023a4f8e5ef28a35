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
import type { Venue, VenueKind, VenueObservation, VenueObservations } from '../types.js';
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
export type VenueModule<K extends VenueKind = VenueKind, C = unknown> = {
  kind: K;
  configSchema: z.ZodType<C, unknown>;
  create: (config: C, env: VenueEnv) => Venue;
  observationSchema: z.ZodType<VenueObservations[K], unknown>;
  candidatesAt: (observation: VenueObservations[K], request: CandidatesRequest) => RouteCandidate[];
};

const poll = (env: VenueEnv) =>
  env.pollIntervalMs === undefined ? {} : { pollIntervalMs: env.pollIntervalMs };

function required<T>(value: T | undefined, what: string, kind: VenueKind): T {
  if (value === undefined)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: `${kind}: the venue environment has no ${what}`,
    });
  return value;
}

/** The built-in venue kinds' modules. */
const builtInModules: {
  [K in 'public-amm' | 'private-bundle' | 'batch-auction' | 'cross-chain']: VenueModule<K>;
} = {
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

// biome-ignore lint/suspicious/noExplicitAny: modules of every kind live in one map; each is typed at registration.
const modules = new Map<string, VenueModule<any, any>>(Object.entries(builtInModules));

/**
 * Adds a venue kind's module to the registry (a kind that also declares its observation in
 * `VenueObservations`). Once registered, createVenue builds it, decisions record its
 * observations, and the audit re-prices them with its candidatesAt. A kind registers once.
 */
export function registerVenueModule<K extends VenueKind, C>(module: VenueModule<K, C>): void {
  if (modules.has(module.kind))
    throw new HedgeRouterError('CONFLICT', {
      shortMessage: `venue kind ${module.kind} is already registered`,
    });
  modules.set(module.kind, module);
}

/** The module of a venue kind; throws for a kind nothing registered. */
export function venueModule<K extends VenueKind>(kind: K): VenueModule<K> {
  const module = modules.get(kind);
  if (!module)
    throw new HedgeRouterError('INVALID_INPUT', {
      field: 'kind',
      shortMessage: `no venue module of kind ${kind}`,
    });
  return module as VenueModule<K>;
}

/** The registered venue kinds. */
export const venueKinds = (): string[] => [...modules.keys()];

/** A recorded observation of any registered venue kind, decoded by its kind's schema. */
export const venueObservationSchema: z.ZodType<VenueObservation, unknown> = z
  .object({ kind: z.string() })
  .passthrough()
  .transform((value, ctx) => {
    const module = modules.get(value.kind);
    if (!module) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `no venue module of kind ${value.kind}` });
      return z.NEVER;
    }
    const parsed = module.observationSchema.safeParse(value);
    if (parsed.success) return parsed.data as VenueObservation;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });

/** The candidates a venue built (or would build) from an observation: its kind's pure `candidatesAt`. */
export function candidatesAt(observation: VenueObservation, request: CandidatesRequest): RouteCandidate[] {
  return venueModule(observation.kind).candidatesAt(observation, request);
}

/**
 * Builds the venue a kind's module makes from a config, after validating it with the module's
 * schema: a bad config throws INVALID_INPUT naming `venues.<kind>.<field>`. The one way venues
 * are built (the service's createVenues, the execution benchmark's strategies).
 */
export function createVenue(kind: VenueKind, config: unknown, env: VenueEnv): Venue {
  const module = venueModule(kind);
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
