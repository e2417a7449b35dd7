// A small unconstrained minimiser for the model fits: Nelder–Mead with restarts.
//
// Model parameters are positive, so fits minimise over their logarithms: the search is then
// unconstrained and steps are relative, which suits parameters that differ by orders of
// magnitude (r ≈ 0.2 next to α ≈ 4 or γ ≈ 15). Restarting from the best point with a fresh
// simplex guards against the simplex collapsing early, the method's known weakness.

export interface MinimizeOptions {
  /** Stop when the simplex's function values differ by less than this. */
  readonly tolerance?: number;
  readonly maxEvaluations?: number;
  /** Fresh simplices built around the best point once a run has converged. */
  readonly restarts?: number;
  /** Initial simplex edge (in the units of x). */
  readonly step?: number;
}

export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
}

export function minimize(f: (x: readonly number[]) => number, x0: readonly number[], opts: MinimizeOptions = {}): MinimizeResult {
  const tolerance = opts.tolerance ?? 1e-10;
  const maxEvaluations = opts.maxEvaluations ?? 20_000;
  const restarts = opts.restarts ?? 2;
  let evaluations = 0;
  // A NaN or infinite value is treated as "far worse than anything", so the search backs off.
  const g = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  let best = { x: [...x0], value: g(x0) };
  let step = opts.step ?? 0.5;
  for (let run = 0; run <= restarts && evaluations < maxEvaluations; run++) {
    const result = nelderMead(g, best.x, best.value, step, tolerance, maxEvaluations - evaluations);
    const improved = best.value - result.value;
    if (result.value <= best.value) best = result;
    if (run > 0 && improved < tolerance) break;
    step = Math.max(0.05, step / 2);
  }
  return { x: best.x, value: best.value, evaluations };
}

function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  f0: number,
  step: number,
  tolerance: number,
  budget: number,
): { x: number[]; value: number } {
  const n = x0.length;
  const simplex: { x: number[]; value: number }[] = [{ x: [...x0], value: f0 }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] = (x[i] as number) + step;
    simplex.push({ x, value: f(x) });
  }
  // Adaptive coefficients (Gao & Han 2012) keep the method effective beyond two dimensions.
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  let used = n;
  const along = (c: number[], worst: number[], t: number): number[] => c.map((ci, j) => ci + t * (ci - (worst[j] as number)));

  while (used < budget) {
    simplex.sort((p, q) => p.value - q.value);
    const bestV = (simplex[0] as { value: number }).value;
    const worstP = simplex[n] as { x: number[]; value: number };
    if (Math.abs(worstP.value - bestV) <= tolerance * (1 + Math.abs(bestV))) {
      // Also require a small simplex, so a flat ridge does not end the search early.
      let size = 0;
      for (let i = 1; i <= n; i++) {
        const p = simplex[i] as { x: number[] };
        for (let j = 0; j < n; j++) size = Math.max(size, Math.abs((p.x[j] as number) - ((simplex[0] as { x: number[] }).x[j] as number)));
      }
      if (size < 1e-6) break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const p = simplex[i] as { x: number[] };
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p.x[j] as number) / n;
    }
    const secondWorst = (simplex[n - 1] as { value: number }).value;
    const xr = along(centroid, worstP.x, alpha);
    const fr = f(xr);
    used++;
    if (fr < bestV) {
      const xe = along(centroid, worstP.x, alpha * beta);
      const fe = f(xe);
      used++;
      simplex[n] = fe < fr ? { x: xe, value: fe } : { x: xr, value: fr };
      continue;
    }
    if (fr < secondWorst) {
      simplex[n] = { x: xr, value: fr };
      continue;
    }
    const outside = fr < worstP.value;
    const xc = along(centroid, worstP.x, outside ? alpha * gamma : -gamma);
    const fc = f(xc);
    used++;
    if (fc < (outside ? fr : worstP.value)) {
      simplex[n] = { x: xc, value: fc };
      continue;
    }
    // Shrink towards the best point.
    const b = (simplex[0] as { x: number[] }).x;
    for (let i = 1; i <= n; i++) {
      const p = simplex[i] as { x: number[] };
      const x = p.x.map((v, j) => (b[j] as number) + delta * (v - (b[j] as number)));
      simplex[i] = { x, value: f(x) };
      used++;
    }
  }
  simplex.sort((p, q) => p.value - q.value);
  return simplex[0] as { x: number[]; value: number };
}

/** Minimiser settings of a model fit: a full search, or a short one around a previous optimum. */
export function searchOptions(warm: boolean | undefined): { tolerance: number; restarts: number; step?: number } {
  return warm ? { tolerance: 1e-12, restarts: 1, step: 0.05 } : { tolerance: 1e-12, restarts: 3 };
}
