// Price lists: one per customer group and price year (4 × 3 = 12), each valid for one year of
// the window. Items list every product on sale by the end of that year, at the price orders
// and quotes use (pricing.ts), so the lists and the order history agree.
import { DAY, isoDate } from '../calendar.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, eur, lineId, record, SALES_CURRENCY, type GeneratedRecord } from '../record.ts';
import { GROUP_FACTOR, YEAR_FACTOR, priceYearBounds, roundPrice } from '../pricing.ts';
import { idFor } from '../sizes.ts';
import { CUSTOMER_GROUPS, type World } from '../world.ts';

export function* generatePriceLists(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'priceLists'));
  const bounds = priceYearBounds(world.window);
  const wanted = world.counts.priceLists;
  let index = 0;
  for (let year = 0; year < 3; year++) {
    const from = bounds[year] as number;
    const to = (bounds[year + 1] as number) - DAY;
    const label = `${new Date(from).getUTCFullYear()}/${String(new Date(to).getUTCFullYear()).slice(2)}`;
    for (const group of CUSTOMER_GROUPS) {
      if (index >= wanted) return;
      const items: Record<string, unknown>[] = [];
      world.products.forEach((p, i) => {
        if (p.availableFrom > to) return;
        items.push(
          compact({
            id: lineId('p', i),
            productId: idFor('products', i),
            price: eur(roundPrice(p.price * GROUP_FACTOR[group] * (YEAR_FACTOR[year] ?? 1))),
            // Distributor prices apply from a carton upwards.
            minQty: group === 'Distributors' ? 5 : undefined,
          }),
        );
      });
      yield record(
        'priceLists',
        index++,
        {
          name: `${group} ${label}`,
          currency: SALES_CURRENCY,
          customerGroup: group,
          validFrom: isoDate(from),
          validTo: isoDate(to),
          items,
        },
        from - rng.int(7, 21) * DAY,
      );
    }
  }
  if (index !== wanted) throw new Error(`price lists: made ${index}, expected ${wanted}`);
}
