import { type HedgeDecision, HedgeReason } from './types.js';

/**
 * Fills `out` for a no-trade band [centre − halfWidth, centre + halfWidth] (hedge units):
 * inside, hold; outside, trade to the nearest edge (the cost-optimal move under proportional
 * costs, Whalley and Wilmott 1997) or, when `toCentre`, all the way to the centre.
 */
export function applyBand(
  out: HedgeDecision,
  hedge: number,
  centre: number,
  halfWidth: number,
  toCentre: boolean,
): HedgeDecision {
  // −0 (minus an empty book's delta) would leak into JSON as 0 but compare oddly; normalise it.
  centre += 0;
  const lower = centre - halfWidth;
  const upper = centre + halfWidth;
  out.centre = centre;
  out.lower = lower;
  out.upper = upper;
  if (hedge < lower) {
    out.target = toCentre ? centre : lower;
    out.reason = toCentre ? HedgeReason.toCentre : HedgeReason.toEdge;
  } else if (hedge > upper) {
    out.target = toCentre ? centre : upper;
    out.reason = toCentre ? HedgeReason.toCentre : HedgeReason.toEdge;
  } else {
    out.target = hedge;
    out.reason = HedgeReason.insideBand;
  }
  out.trade = out.target - hedge;
  return out;
}
