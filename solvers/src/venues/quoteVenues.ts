import type { RouteCandidate } from '@hedge-router/router';
import { HedgeRouterError } from '@hedge-router/router';
import type { Venue, VenueObservation, VenueQuote, VenueQuoteRequest } from './types.js';

export type QuoteVenuesResult = {
  candidates: RouteCandidate[];
  /** What each venue that answered observed (recorded with the decision, for the audit). */
  observations: VenueObservation[];
  /** Venues that failed or timed out, with why: shown in audits, never fatal on their own. */
  failures: { venue: string; reason: string }[];
};

/**
 * Asks every venue for candidates at once, each with its own timeout, so one slow or broken
 * venue costs the intent that venue only. Candidate ids must start with their venue's name,
 * which is how a chosen leg finds its venue again.
 */
export async function quoteVenues(
  venues: readonly Venue[],
  request: VenueQuoteRequest,
  options: { perVenueTimeoutMs?: number } = {},
): Promise<QuoteVenuesResult> {
  if (venues.length === 0)
    throw new HedgeRouterError('CONFIG_INVALID', { shortMessage: 'no venues configured' });
  const timeoutMs = options.perVenueTimeoutMs ?? 2_000;
  // One timer for all: the venues are asked at once, so their deadlines are the same.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new HedgeRouterError('UPSTREAM_FAILED', { shortMessage: `timed out after ${timeoutMs} ms` })),
      timeoutMs,
    );
  });
  let settled: PromiseSettledResult<VenueQuote>[];
  try {
    settled = await Promise.allSettled(
      venues.map(async (venue) => Promise.race([venue.quote(request), timeout])),
    );
  } finally {
    clearTimeout(timer);
  }
  const candidates: RouteCandidate[] = [];
  const observations: VenueObservation[] = [];
  const failures: QuoteVenuesResult['failures'] = [];
  settled.forEach((result, i) => {
    const venue = venues[i] as Venue;
    if (result.status === 'rejected') {
      failures.push({
        venue: venue.name,
        reason: result.reason instanceof Error ? result.reason.message : String(result.reason),
      });
      return;
    }
    observations.push(result.value.observation);
    for (const candidate of result.value.candidates) {
      if (!candidate.id.startsWith(`${venue.name}:`)) {
        failures.push({
          venue: venue.name,
          reason: `candidate id ${candidate.id} does not start with "${venue.name}:"`,
        });
      } else candidates.push(candidate);
    }
  });
  return { candidates, observations, failures };
}

/** The venue that owns a candidate id (its name is the id's prefix). */
export function venueOfCandidate(venues: readonly Venue[], candidateId: string): Venue {
  const venue = venues.find((v) => candidateId.startsWith(`${v.name}:`));
  // A leg recorded through a venue the service no longer runs (taken out of its configuration).
  if (!venue)
    throw new HedgeRouterError('DEPLOYMENT_INCOMPLETE', {
      shortMessage: `no venue owns candidate ${candidateId}`,
    });
  return venue;
}
