// Lead routing: which rep takes a new lead. The steps run in order — territory, then product line,
// then the lowest current load — each narrowing the reps to those it matches unless it matches
// none. The choice depends only on its inputs and ties break by rep id, so two devices that route
// the same lead from the same data pick the same rep.
import type { RoutingRule } from './sales-settings.ts';

export interface Rep {
  readonly id: string;
  readonly territory?: string;
  /** Open leads assigned to the rep now. */
  readonly load: number;
}

export interface RoutedLead {
  readonly territory?: string;
  readonly productLine?: string;
}

export type RouteReason = 'territory' | 'productLine' | 'load';

export interface Route {
  readonly repId: string;
  /** The most specific step that decided. */
  readonly reason: RouteReason;
}

const norm = (s: string | undefined): string => (s ?? '').trim().toLocaleLowerCase();

function narrow(pool: readonly Rep[], ids: ReadonlySet<string>): Rep[] {
  return pool.filter((r) => ids.has(r.id));
}

/**
 * Picks the rep for a lead among `reps` (the active members who take leads). Undefined when there
 * is no rep. Rules matching the lead's territory (or, without such rules, reps whose own territory
 * is the lead's) come first; then rules matching its product line; then the least loaded.
 */
export function routeLead(lead: RoutedLead, rules: readonly RoutingRule[], reps: readonly Rep[]): Route | undefined {
  let pool = [...reps];
  if (!pool.length) return undefined;
  let reason: RouteReason = 'load';
  const territory = norm(lead.territory);
  if (territory) {
    const byRule = new Set(rules.filter((r) => norm(r.territory) === territory && !r.productLine.trim()).flatMap((r) => r.repIds));
    const matched = byRule.size ? narrow(pool, byRule) : pool.filter((r) => norm(r.territory) === territory);
    if (matched.length) {
      pool = matched;
      reason = 'territory';
    }
  }
  const line = norm(lead.productLine);
  if (line) {
    const ids = new Set(
      rules
        .filter((r) => norm(r.productLine) === line && (!r.territory.trim() || norm(r.territory) === territory))
        .flatMap((r) => r.repIds),
    );
    const matched = narrow(pool, ids);
    if (matched.length) {
      pool = matched;
      reason = 'productLine';
    }
  }
  const best = pool.reduce((a, b) => (b.load < a.load || (b.load === a.load && b.id < a.id) ? b : a));
  return { repId: best.id, reason };
}
