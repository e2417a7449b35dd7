// The catalogue of an office, facility and catering supplies distributor: product categories
// with their share of demand, the industries that favour them, and the parts product names
// and list prices are drawn from (gen/products.ts).
import type { Industry } from './companies.ts';

export interface Category {
  /** English name (the product's category field, and the key products refer to). */
  readonly name: string;
  readonly ru: string;
  readonly uk: string;
  /** SKU prefix. */
  readonly code: string;
  /** Relative demand: share of the catalogue and of purchases. */
  readonly weight: number;
  /** Industries that buy this category more than others. */
  readonly industries: readonly Industry[];
  readonly brands: readonly string[];
  readonly types: readonly string[];
  readonly units: readonly string[];
  /** List price range in euro (drawn log-uniformly). */
  readonly min: number;
  readonly max: number;
}

export const CATEGORIES: readonly Category[] = [
  {
    name: 'Coffee & tea', ru: 'Кофе и чай', uk: 'Кава та чай', code: 'CT', weight: 12,
    industries: ['Hospitality', 'Professional services', 'IT & telecom', 'Finance & insurance'],
    brands: ['Barista Blend', 'Morning Roast', 'Highland', 'Silver Leaf', 'Northstar Select', 'Crema d’Oro'],
    types: ['espresso beans', 'ground coffee', 'coffee capsules', 'instant coffee', 'black tea', 'green tea', 'herbal tea'],
    units: ['kg', 'pack', 'box'], min: 3, max: 45,
  },
  {
    name: 'Coffee machines', ru: 'Кофемашины', uk: 'Кавомашини', code: 'CM', weight: 2,
    industries: ['Hospitality', 'Professional services', 'Finance & insurance'],
    brands: ['Barista', 'CremaTech', 'Brewmaster'],
    types: ['bean-to-cup machine', 'espresso machine', 'filter coffee brewer', 'coffee grinder', 'milk frother'],
    units: ['pcs'], min: 120, max: 3500,
  },
  {
    name: 'Drinking water', ru: 'Питьевая вода', uk: 'Питна вода', code: 'DW', weight: 8,
    industries: ['Construction', 'Manufacturing', 'Logistics', 'Education'],
    brands: ['AquaCool', 'Crystal Spring', 'Glacier'],
    types: ['spring water 19 l', 'still water 0.5 l', 'sparkling water 1.5 l', 'mineral water 1 l'],
    units: ['bottle', 'pack'], min: 2, max: 14,
  },
  {
    name: 'Water coolers', ru: 'Кулеры для воды', uk: 'Кулери для води', code: 'WC', weight: 2,
    industries: ['Construction', 'Education', 'Healthcare', 'Real estate'],
    brands: ['AquaCool', 'Glacier', 'PureFlow'],
    types: ['floor water cooler', 'desktop water cooler', 'mains-fed dispenser', 'bottle rack'],
    units: ['pcs'], min: 60, max: 650,
  },
  {
    name: 'Printers', ru: 'Принтеры', uk: 'Принтери', code: 'PR', weight: 2,
    industries: ['Professional services', 'Finance & insurance', 'Education', 'Real estate'],
    brands: ['PrintPro', 'Laserline', 'Inkwell'],
    types: ['mono laser printer', 'colour laser printer', 'multifunction printer', 'label printer', 'inkjet printer'],
    units: ['pcs'], min: 90, max: 1800,
  },
  {
    name: 'Toner & ink', ru: 'Тонер и чернила', uk: 'Тонер і чорнило', code: 'TI', weight: 8,
    industries: ['Professional services', 'Finance & insurance', 'Education', 'Healthcare'],
    brands: ['PrintPro', 'Laserline', 'Inkwell'],
    types: ['black toner cartridge', 'colour toner set', 'ink cartridge', 'drum unit', 'label tape'],
    units: ['pcs', 'set'], min: 12, max: 180,
  },
  {
    name: 'Paper', ru: 'Бумага', uk: 'Папір', code: 'PA', weight: 10,
    industries: ['Professional services', 'Education', 'Finance & insurance', 'Retail'],
    brands: ['Whiteline', 'Copy Plus', 'EcoPaper'],
    types: ['A4 copy paper 80 g', 'A3 copy paper', 'recycled A4 paper', 'coloured paper', 'thermal till rolls'],
    units: ['ream', 'box', 'pack'], min: 3, max: 40,
  },
  {
    name: 'Stationery', ru: 'Канцтовары', uk: 'Канцтовари', code: 'ST', weight: 9,
    industries: ['Education', 'Professional services', 'Real estate', 'Finance & insurance'],
    brands: ['Officeline', 'Scriba', 'Penworks'],
    types: ['ballpoint pens', 'gel pens', 'A5 notebooks', 'lever-arch files', 'sticky notes', 'stapler', 'highlighters', 'desk organiser'],
    units: ['pcs', 'pack', 'box'], min: 1, max: 30,
  },
  {
    name: 'Office furniture', ru: 'Офисная мебель', uk: 'Офісні меблі', code: 'OF', weight: 2,
    industries: ['IT & telecom', 'Professional services', 'Real estate', 'Education'],
    brands: ['ErgoSeat', 'Deskline', 'Modus'],
    types: ['office chair', 'height-adjustable desk', 'filing cabinet', 'meeting table', 'shelving unit', 'visitor chair'],
    units: ['pcs'], min: 45, max: 1200,
  },
  {
    name: 'Cleaning supplies', ru: 'Бытовая химия', uk: 'Побутова хімія', code: 'CL', weight: 9,
    industries: ['Hospitality', 'Healthcare', 'Real estate', 'Food production'],
    brands: ['Sparkle', 'CleanPro', 'Fresco'],
    types: ['all-purpose cleaner 5 l', 'floor cleaner', 'glass cleaner', 'dishwasher tablets', 'microfibre cloths', 'mop set', 'bin liners'],
    units: ['pcs', 'pack', 'can'], min: 2, max: 60,
  },
  {
    name: 'Washroom & hygiene', ru: 'Гигиена', uk: 'Гігієна', code: 'HY', weight: 8,
    industries: ['Healthcare', 'Hospitality', 'Education', 'Manufacturing'],
    brands: ['SoftTouch', 'Hygiena', 'PureHands'],
    types: ['toilet tissue', 'paper hand towels', 'liquid soap 5 l', 'hand sanitiser', 'soap dispenser', 'towel dispenser'],
    units: ['pack', 'case', 'pcs'], min: 2, max: 80,
  },
  {
    name: 'Kitchen & catering', ru: 'Посуда и кухня', uk: 'Посуд і кухня', code: 'KC', weight: 6,
    industries: ['Hospitality', 'Food production', 'Education', 'Healthcare'],
    brands: ['ChefLine', 'Catermax', 'KitchenPro'],
    types: ['paper cups 250 ml', 'disposable plates', 'wooden stirrers', 'sugar sticks', 'kettle', 'microwave oven', 'cutlery set'],
    units: ['pack', 'box', 'pcs'], min: 1, max: 160,
  },
  {
    name: 'Snacks', ru: 'Снеки', uk: 'Снеки', code: 'SN', weight: 5,
    industries: ['IT & telecom', 'Hospitality', 'Professional services', 'Retail'],
    brands: ['Crunchy', 'NutMix', 'Biscotto'],
    types: ['biscuit assortment', 'nut mix', 'chocolate bars', 'muesli bars', 'crackers', 'dried fruit'],
    units: ['pack', 'box'], min: 1, max: 30,
  },
  {
    name: 'Packaging', ru: 'Упаковка', uk: 'Пакування', code: 'PK', weight: 6,
    industries: ['Logistics', 'Retail', 'Manufacturing', 'Food production'],
    brands: ['WrapIt', 'Boxmaster', 'Packline'],
    types: ['stretch film', 'corrugated boxes', 'packing tape', 'bubble wrap', 'mailing bags', 'pallet labels'],
    units: ['roll', 'pack', 'pcs'], min: 1, max: 120,
  },
  {
    name: 'Safety & workwear', ru: 'Спецодежда и СИЗ', uk: 'Спецодяг і ЗІЗ', code: 'SW', weight: 4,
    industries: ['Construction', 'Manufacturing', 'Logistics', 'Food production'],
    brands: ['SafeGuard', 'WorkFit', 'Protecta'],
    types: ['nitrile gloves', 'hi-vis vest', 'safety boots', 'first aid kit', 'face masks', 'ear plugs', 'hard hat'],
    units: ['pcs', 'pair', 'box'], min: 2, max: 120,
  },
  {
    name: 'Office electronics', ru: 'Оргтехника', uk: 'Оргтехніка', code: 'OE', weight: 3,
    industries: ['IT & telecom', 'Professional services', 'Finance & insurance', 'Retail'],
    brands: ['Voltix', 'Calcus', 'Deskline'],
    types: ['calculator', 'paper shredder', 'laminator', 'desk lamp', 'extension lead', 'headset', 'AA batteries'],
    units: ['pcs', 'pack'], min: 6, max: 400,
  },
];

const BY_NAME = new Map(CATEGORIES.map((c, i) => [c.name, i]));

/** Index of a category by its English name; throws on an unknown name. */
export function categoryIndex(name: string): number {
  const i = BY_NAME.get(name);
  if (i === undefined) throw new Error(`unknown product category "${name}"`);
  return i;
}
