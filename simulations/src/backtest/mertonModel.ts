import { createRng, type Rng } from '@hedge-router/router';
import type { MarketModel } from './marketModel.js';

export type MertonModelParameters = {
  seed: number;
  steps: number;
  dtYears: number;
  spot: number;
  /** Annualised total expected return (the jump compensator is taken out of the diffusion drift). */
  drift: number;
  /** Annualised diffusion vol. */
  vol: number;
  /** Jumps per year. */
  jumpIntensity: number;
  /** Mean and sd of the log jump size. */
  jumpMean: number;
  jumpVol: number;
};

/** Poisson count by inversion (λδt is small per step, so a handful of uniforms at most). */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng.nextFloat();
  while (product > limit) {
    k++;
    product *= rng.nextFloat();
  }
  return k;
}

/**
 * Merton (1976) jump-diffusion: per step, the GBM move plus N ~ Poisson(λδt) log-normal jumps
 * ln J ~ N(jumpMean, jumpVol²), with the compensator λ(E[J] − 1) subtracted from the drift so
 * E[S_t] = S_0 e^(drift·t). Each step draws its normal first, then its uniforms, then its jump
 * normals: a fixed order, so paths are reproducible.
 */
export function mertonModel(p: MertonModelParameters): MarketModel {
  const meanJump = Math.exp(p.jumpMean + 0.5 * p.jumpVol * p.jumpVol) - 1;
  const driftStep = (p.drift - 0.5 * p.vol * p.vol - p.jumpIntensity * meanJump) * p.dtYears;
  const diffusion = p.vol * Math.sqrt(p.dtYears);
  const jumpsPerStep = p.jumpIntensity * p.dtYears;
  return {
    kind: 'merton',
    maxPaths: Number.POSITIVE_INFINITY,
    fillPath(pathIndex, out, logOut) {
      const rng = createRng({ seed: p.seed, stream: pathIndex });
      let logSpot = Math.log(p.spot);
      out[0] = p.spot;
      if (logOut) logOut[0] = logSpot;
      for (let i = 1; i <= p.steps; i++) {
        logSpot += driftStep + diffusion * rng.nextNormal();
        const jumps = poisson(rng, jumpsPerStep);
        for (let j = 0; j < jumps; j++) logSpot += p.jumpMean + p.jumpVol * rng.nextNormal();
        out[i] = Math.exp(logSpot);
        if (logOut) logOut[i] = logSpot;
      }
    },
  };
}
