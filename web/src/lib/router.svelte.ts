// A hash router: #/<collection> and #/<collection>/<id> (#/accounts, #/deals/<id>…), the day plan
// #/agenda, the deals board #/pipeline, the people #/members, overdue leads and tickets #/overdue,
// the workspace settings #/settings, a rep's weekly field report #/week[/<ISO week>[/<member id>]],
// campaigns and channels side by side #/compare, the rep scorecards #/scorecards, the insights
// pages #/insights and #/insights/questions, the catalog #/catalog, a quote's printable proposal
// #/print/<quote id>, the telemarketing call lists #/calls and #/calls/<campaign id> and the
// duplicates #/duplicates[/<id>~<id>]. The hash keeps deep links and back/forward
// working in an installed, offline PWA with no server routing at all.
import { COLLECTION_NAMES, type CollectionName } from '@counterpart/model';

/** Every collection has a list and record pages. */
export const LIST_COLLECTIONS: readonly CollectionName[] = COLLECTION_NAMES;
export type ListCollection = CollectionName;
/** The sections in the header; the others are under "More". */
export const PRIMARY_COLLECTIONS = ['accounts', 'contacts', 'deals', 'activities', 'tasks', 'tickets'] as const satisfies readonly CollectionName[];

export type InsightsPage = 'overview' | 'questions';

/** Pages with a route of their own and no parameters: #/agenda, #/pipeline… */
const PLAIN_PAGES = ['pipeline', 'agenda', 'catalog', 'import', 'members', 'overdue', 'settings', 'compare', 'scorecards'] as const;
type PlainPage = (typeof PLAIN_PAGES)[number];

export type Route =
  | { readonly view: 'list'; readonly collection: ListCollection }
  | { readonly view: 'record'; readonly collection: ListCollection; readonly id: string }
  | { readonly view: 'insights'; readonly page: InsightsPage }
  | { readonly view: 'calls'; readonly campaignId: string | undefined }
  | { readonly view: 'print'; readonly id: string }
  | { readonly view: 'week'; readonly week?: string; readonly rep?: string }
  /** `pair`: the two ids of the pair being merged, "<id>~<id>". */
  | { readonly view: 'duplicates'; readonly pair?: string }
  | { readonly view: PlainPage };

export function isListCollection(c: string): c is ListCollection {
  return (LIST_COLLECTIONS as readonly string[]).includes(c);
}

export function parseHash(hash: string): Route {
  const [collection = '', id, rep] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (collection === 'week') return { view: 'week', ...(id ? { week: id } : {}), ...(rep ? { rep } : {}) };
  if (collection === 'insights') return { view: 'insights', page: id === 'questions' ? 'questions' : 'overview' };
  if (collection === 'calls') return { view: 'calls', campaignId: id };
  if (collection === 'print' && id) return { view: 'print', id };
  if (collection === 'duplicates') return { view: 'duplicates', pair: id };
  if ((PLAIN_PAGES as readonly string[]).includes(collection)) return { view: collection as PlainPage };
  if (!isListCollection(collection)) return { view: 'list', collection: 'accounts' };
  return id ? { view: 'record', collection, id } : { view: 'list', collection };
}

export function hrefOf(collection: ListCollection, id?: string): string {
  return id ? `#/${collection}/${encodeURIComponent(id)}` : `#/${collection}`;
}

export function insightsHref(page: InsightsPage = 'overview'): string {
  return page === 'questions' ? '#/insights/questions' : '#/insights';
}

/** The deals board by stage. */
export const PIPELINE_HREF = '#/pipeline';
/** Products with a customer group's prices, stock and availability. */
export const CATALOG_HREF = '#/catalog';

/** The telemarketing campaigns to call for; with an id, that campaign's call list. */
export const CALLS_HREF = '#/calls';
export function callsHref(campaignId: string): string {
  return `${CALLS_HREF}/${encodeURIComponent(campaignId)}`;
}

/** The printable proposal of a quote. */
export function printHref(quoteId: string): string {
  return `#/print/${encodeURIComponent(quoteId)}`;
}

/** Importing files and exporting the workspace's contacts and calendar. */
export const IMPORT_HREF = '#/import';

/** A rep's week in the field: this device's member and this week unless given (#/week/<ISO week>/<member id>). */
export const WEEK_HREF = '#/week';
/** Likely duplicate accounts and contacts; with a pair, the merge of those two. */
export function duplicatesHref(pair?: readonly [string, string]): string {
  return pair ? `#/duplicates/${pair[0]}~${pair[1]}` : '#/duplicates';
}

/** The people of the workspace, their roles, and the invite links. */
export const MEMBERS_HREF = '#/members';
/** Campaigns and channels side by side: cost per contact, response rate, cost per order, ROI. */
export const COMPARE_HREF = '#/compare';
/** Each rep beyond sales volume. */
export const SCORECARDS_HREF = '#/scorecards';
/** "My day": overdue, today's and the coming week's tasks and appointments. */
export const AGENDA_HREF = '#/agenda';
/** Leads not answered in time and open tickets past due. */
export const OVERDUE_HREF = '#/overdue';
/** The workspace's rules: questionnaire, routing, deadlines, cadence, web forms. */
export const SETTINGS_HREF = '#/settings';

class Router {
  route = $state.raw<Route>(parseHash(location.hash));
  /** When the current navigation started (click, key or history), for the record-open timing;
   * 0 (the page's own navigation start) for the route the app was opened on. */
  startedAt = 0;
  private pendingStart = false;

  constructor() {
    window.addEventListener('hashchange', () => {
      if (!this.pendingStart) this.startedAt = performance.now();
      this.pendingStart = false;
      this.route = parseHash(location.hash);
    });
    // A click on an in-app link starts the navigation; hashchange only fires a little later.
    document.addEventListener('click', (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      if (a && a.getAttribute('href') !== location.hash) this.noteStart(e.timeStamp);
    }, { capture: true });
  }

  noteStart(at = performance.now()): void {
    this.startedAt = at;
    this.pendingStart = true;
  }

  go(hash: string, opts: { replace?: boolean } = {}): void {
    if (hash === location.hash) return;
    this.noteStart();
    if (opts.replace) {
      history.replaceState(history.state, '', hash);
      this.pendingStart = false;
      this.route = parseHash(hash);
    } else location.hash = hash;
  }
}

export const router = new Router();
