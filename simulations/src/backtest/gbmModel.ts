import { expFast } from './expFast.js';
import { fillNormals } from './fillNormals.js';
import type { MarketModel } from './marketModel.js';

export type GbmModelParameters = {
  seed: number;
  steps: number;
  dtYears: number;
  /** Spot at t = 0, USD. */
  spot: number;
  /** Annualised drift. */
  drift: number;
  /** Annualised vol. */
  vol: number;
};

/**
 * Geometric Brownian motion, exact in distribution: ln S_i = ln S_0 + Σ_(k ≤ i) ((μ − σ²/2)δt +
 * σ√δt·Z_k), S_i = e^(ln S_i). Path p's normals are RNG stream p of the seed (`fillNormals`, the
 * same numbers as the router's createRng), drawn in one pass; the spot is `expFast` of the
 * running log (within 1e-15 relative of Math.exp, and identical on every machine), and the
 * running log itself is handed out as `logOut` so the fast loop never takes a log.
 */
export function gbmModel(p: GbmModelParameters): MarketModel {
  const driftStep = (p.drift - 0.5 * p.vol * p.vol) * p.dtYears;
  const diffusion = p.vol * Math.sqrt(p.dtYears);
  const logSpot0 = Math.log(p.spot);
  // One scratch per model: a context (and so a model) belongs to one thread.
  const normals = new Float64Array(p.steps);
  return {
    kind: 'gbm',
    maxPaths: Number.POSITIVE_INFINITY,
    fillPath(pathIndex, out, logOut) {
      fillNormals(p.seed, pathIndex, normals, p.steps);
      let logSpot = logSpot0;
      out[0] = p.spot;
      if (logOut) {
        logOut[0] = logSpot;
        for (let i = 1; i <= p.steps; i++) {
          logSpot += driftStep + diffusion * normals[i - 1]!;
          logOut[i] = logSpot;
          out[i] = expFast(logSpot);
        }
      } else {
        for (let i = 1; i <= p.steps; i++) {
          logSpot += driftStep + diffusion * normals[i - 1]!;
          out[i] = expFast(logSpot);
        }
      }
    },
  };
}
