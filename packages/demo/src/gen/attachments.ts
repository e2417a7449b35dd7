// Attachment metadata (no content): visit photos and receipts, proposals on quotes, contracts on
// won deals, damage photos on tickets, agreements on accounts. The sha256 is a real digest of a
// deterministic stand-in for the content, so it looks and behaves like one (unique, 64 hex).
import { DEAL_STAGE_CODES, type AccountInfo, type World } from '../world.ts';
import { DAY, MINUTE, isoDate } from '../calendar.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import { sha256Hex } from '../sha256.ts';
import { idFor } from '../sizes.ts';
import type { CollectionName, RecordId } from '@counterpart/model';

type Kind = 'visit' | 'quote' | 'deal' | 'ticket' | 'account';
const KIND_MIX: Readonly<Record<Kind, number>> = { visit: 40, quote: 25, deal: 15, ticket: 10, account: 10 };
const WON = DEAL_STAGE_CODES.indexOf('won');

interface Target {
  readonly parent: RecordId;
  readonly at: number;
  readonly name: string;
  readonly mime: string;
  readonly bytes: number;
  readonly caption?: string;
}

export function* generateAttachments(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'attachments'));
  const n = world.counts.attachments;
  const { start, endExclusive: end } = world.window;
  const kinds = Object.keys(KIND_MIX) as Kind[];
  const weights = kinds.map((k) => KIND_MIX[k]);
  let visitTurn = 0;

  const target = (kind: Kind): Target | undefined => {
    const id = <C extends CollectionName>(c: C, i: number): RecordId => idFor(c, i);
    const photoBytes = (): number => Math.round(rng.lognormal(Math.log(1_800_000), 0.4));
    const pdfBytes = (): number => Math.round(rng.lognormal(Math.log(180_000), 0.6));
    switch (kind) {
      case 'visit': {
        const v = world.visitSample[visitTurn++];
        if (!v) return undefined;
        const receipt = rng.chance(0.3);
        return {
          parent: id('activities', v.index),
          at: v.at + rng.uniform(10, 240) * MINUTE,
          name: receipt ? `receipt-${isoDate(v.at)}.jpg` : `visit-${isoDate(v.at)}-${rng.int(1, 12)}.jpg`,
          mime: 'image/jpeg',
          bytes: photoBytes(),
          caption: receipt ? 'Receipt' : rng.chance(0.5) ? 'Shelf and stock on site' : undefined,
        };
      }
      case 'quote': {
        const q = world.quotes;
        if (!q || q.issued.length === 0) return undefined;
        const i = rng.int(0, q.issued.length - 1);
        return {
          parent: id('quotes', i),
          at: (q.issued[i] as number) + rng.uniform(5, 90) * MINUTE,
          name: `proposal-${String(i + 1).padStart(5, '0')}.pdf`,
          mime: 'application/pdf',
          bytes: pdfBytes(),
        };
      }
      case 'deal': {
        const d = world.deals;
        if (!d) return undefined;
        for (let t = 0; t < 20; t++) {
          const i = rng.int(0, d.stage.length - 1);
          if (d.stage[i] !== WON) continue;
          return {
            parent: id('deals', i),
            at: Math.min(end - MINUTE, (d.close[i] as number) + rng.uniform(0, 3) * DAY),
            name: `contract-${String(i + 1).padStart(6, '0')}-signed.pdf`,
            mime: 'application/pdf',
            bytes: pdfBytes(),
            caption: 'Signed supply contract',
          };
        }
        return undefined;
      }
      case 'ticket': {
        const t = world.ticketOpened;
        if (!t || t.length === 0) return undefined;
        const i = rng.int(0, t.length - 1);
        return {
          parent: id('tickets', i),
          at: Math.min(end - MINUTE, (t[i] as number) + rng.uniform(1, 120) * MINUTE),
          name: `damage-${i + 1}.jpg`,
          mime: 'image/jpeg',
          bytes: photoBytes(),
          caption: 'Photo from the customer',
        };
      }
      case 'account': {
        const a = rng.int(0, world.accounts.length - 1);
        const acc = world.accounts[a] as AccountInfo;
        return {
          parent: id('accounts', a),
          at: Math.max(acc.created, start) + rng.float() * Math.max(DAY, end - Math.max(acc.created, start) - DAY),
          name: rng.chance(0.5) ? 'price-agreement.pdf' : 'company-registration.pdf',
          mime: 'application/pdf',
          bytes: pdfBytes(),
        };
      }
    }
  };

  for (let i = 0; i < n; i++) {
    let t: Target | undefined;
    for (let tries = 0; !t && tries < 10; tries++) t = target(rng.weighted(kinds, weights));
    t ??= target('account') as Target;
    const sha256 = sha256Hex(`${world.seed}|${idFor('attachments', i)}|${t.parent}|${t.name}|${t.bytes}`);
    yield record(
      'attachments',
      i,
      compact({ name: t.name, mimeType: t.mime, size: t.bytes, sha256, parentId: t.parent, caption: t.caption }),
      t.at,
    );
  }
}
