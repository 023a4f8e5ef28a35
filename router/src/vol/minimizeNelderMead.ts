export type MinimizeNelderMeadParameters = {
  /** Objective; may return Infinity to reject a point (treated as worse than any finite value). */
  f: (x: Float64Array) => number;
  /** Starting point. */
  start: ArrayLike<number>;
  /** Initial simplex step per coordinate. Default 0.5 (suits transformed, unit-scale parameters). */
  step?: number;
  /** Stop when the simplex's values span less than this (absolute + relative). Default 1e-10. */
  tolerance?: number;
  /** Objective evaluations allowed. Default 5000. */
  maxEvaluations?: number;
};

export type NelderMeadResult = { x: Float64Array; value: number; evaluations: number; converged: boolean };

/**
 * Unconstrained minimisation by Nelder-Mead (Lagarias et al. 1998 coefficients: reflect 1,
 * expand 2, contract ½, shrink ½), with one restart from the best point so a collapsed
 * simplex cannot stall it. Derivative-free, robust on the few-parameter likelihoods here.
 */
export function minimizeNelderMead({
  f,
  start,
  step = 0.5,
  tolerance = 1e-10,
  maxEvaluations = 5000,
}: MinimizeNelderMeadParameters): NelderMeadResult {
  const dim = start.length;
  let evaluations = 0;
  const evaluate = (x: Float64Array) => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  let best = Float64Array.from(start);
  let bestValue = evaluate(best);
  let converged = false;
  let simplexStep = step;
  for (let restart = 0; restart < 2; restart++) {
    const points: Float64Array[] = [Float64Array.from(best)];
    for (let i = 0; i < dim; i++) {
      const p = Float64Array.from(best);
      p[i]! += simplexStep;
      points.push(p);
    }
    const values = points.map((p, i) => (i === 0 ? bestValue : evaluate(p)));
    const centroid = new Float64Array(dim);
    const trial = new Float64Array(dim);
    const trial2 = new Float64Array(dim);
    const along = (to: Float64Array, coefficient: number, worst: Float64Array) => {
      for (let j = 0; j < dim; j++) to[j] = centroid[j]! + coefficient * (worst[j]! - centroid[j]!);
    };
    converged = false;
    while (evaluations < maxEvaluations) {
      const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
      const sortedPoints = order.map((i) => points[i]!);
      const sortedValues = order.map((i) => values[i]!);
      for (let i = 0; i <= dim; i++) {
        points[i] = sortedPoints[i]!;
        values[i] = sortedValues[i]!;
      }
      const lowest = values[0]!;
      const highest = values[dim]!;
      if (Math.abs(highest - lowest) <= tolerance * (1 + Math.abs(lowest))) {
        converged = true;
        break;
      }
      centroid.fill(0);
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) centroid[j]! += points[i]![j]! / dim;
      const worst = points[dim]!;
      along(trial, -1, worst);
      const reflected = evaluate(trial);
      if (reflected < lowest) {
        along(trial2, -2, worst);
        const expanded = evaluate(trial2);
        if (expanded < reflected) {
          points[dim] = Float64Array.from(trial2);
          values[dim] = expanded;
        } else {
          points[dim] = Float64Array.from(trial);
          values[dim] = reflected;
        }
      } else if (reflected < values[dim - 1]!) {
        points[dim] = Float64Array.from(trial);
        values[dim] = reflected;
      } else {
        const outside = reflected < highest;
        along(trial2, outside ? -0.5 : 0.5, worst);
        const contracted = evaluate(trial2);
        if (contracted < (outside ? reflected : highest)) {
          points[dim] = Float64Array.from(trial2);
          values[dim] = contracted;
        } else {
          for (let i = 1; i <= dim; i++) {
            for (let j = 0; j < dim; j++)
              points[i]![j] = points[0]![j]! + 0.5 * (points[i]![j]! - points[0]![j]!);
            values[i] = evaluate(points[i]!);
          }
        }
      }
    }
    if (values[0]! <= bestValue) {
      best = Float64Array.from(points[0]!);
      bestValue = values[0]!;
    }
    simplexStep *= 0.1;
  }
  return { x: best, value: bestValue, evaluations, converged };
}
