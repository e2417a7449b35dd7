// Company names: English names with the legal form after them ("Kestrel Freight Ltd"), Russian,
// Ukrainian, Belarusian and Kazakh ones with the form first and the name in guillemets
// (ООО «Вектор», ТОВ «Агросвіт»), and individual entrepreneurs (ФОП Коваленко О. П.).
import type { Rng } from '../random.ts';
import { initialsName, personName, translit, type Lang } from './people.ts';
import type { CountryCode } from './places.ts';

export type Industry =
  | 'Retail'
  | 'Hospitality'
  | 'Healthcare'
  | 'Education'
  | 'Manufacturing'
  | 'Logistics'
  | 'IT & telecom'
  | 'Construction'
  | 'Finance & insurance'
  | 'Professional services'
  | 'Food production'
  | 'Real estate';

export const INDUSTRIES: readonly Industry[] = [
  'Retail', 'Hospitality', 'Healthcare', 'Education', 'Manufacturing', 'Logistics', 'IT & telecom', 'Construction',
  'Finance & insurance', 'Professional services', 'Food production', 'Real estate',
];

export interface CompanyName {
  /** The name without the legal form. */
  readonly core: string;
  /** Legal form ("Ltd", "ООО", "ФОП"…), or '' for none. */
  readonly form: string;
  /** The name as registered: withForm(core, form). */
  readonly full: string;
  /** Lower-case ASCII for domain names (may be '' in theory; callers fall back). */
  readonly slug: string;
}

/** Individual entrepreneurs: registered under the owner's name, without guillemets. */
const PERSONAL_FORMS = new Set(['ФОП', 'ИП']);

export function withForm(core: string, form: string, cyrillic: boolean): string {
  if (!form) return core;
  if (!cyrillic) return `${core} ${form}`;
  return PERSONAL_FORMS.has(form) ? `${form} ${core}` : `${form} «${core}»`;
}

const FORMS: Readonly<Record<CountryCode, Readonly<Record<string, number>>>> = {
  GB: { Ltd: 62, Limited: 10, PLC: 5, '': 23 },
  IE: { Ltd: 55, Limited: 8, DAC: 15, '': 22 },
  RU: { ООО: 72, ОАО: 8, ИП: 14, '': 6 },
  UA: { ТОВ: 66, ПП: 14, ФОП: 15, '': 5 },
  BY: { ООО: 48, ЧУП: 26, ОАО: 8, ИП: 12, '': 6 },
  KZ: { ТОО: 76, ИП: 18, '': 6 },
};

const EN_ROOTS = [
  'Northwind', 'Oakfield', 'Bramley', 'Kestrel', 'Ashford', 'Redbrick', 'Harbour', 'Meadowbank', 'Riverside',
  'Westgate', 'Highgate', 'Silverline', 'Greenway', 'Blackwater', 'Summit', 'Castlegate', 'Beacon', 'Crown', 'Elmwood',
  'Foxhill', 'Granite', 'Horizon', 'Ironbridge', 'Juniper', 'Kingsway', 'Lighthouse', 'Maple', 'Orchard', 'Pennine',
  'Quayside', 'Rosewood', 'Sterling', 'Thistle', 'Unity', 'Valley', 'Windmill', 'Yew Tree', 'Abbey', 'Brightwater',
  'Cobalt', 'Dovetail', 'Evergreen', 'Falcon', 'Hawthorn', 'Lakeside', 'Milestone', 'Newbridge', 'Parkside', 'Stonegate',
  'Trinity', 'Wessex', 'Mercia', 'Albion', 'Clearwater', 'Fairway', 'Hillcrest', 'Keystone', 'Larkspur', 'Moorland',
];
const IE_ROOTS = [
  'Shannon', 'Liffey', 'Emerald', 'Clover', 'Celtic', 'Boyne', 'Wicklow', 'Connacht', 'Atlantic', 'Burren', 'Claddagh',
  'Slaney', 'Corrib', 'Kerry', 'Galtee', 'Mourne', 'Tara', 'Erin', 'Dalkey', 'Howth',
];
const EN_WORDS: Readonly<Record<Industry, readonly string[]>> = {
  Retail: ['Stores', 'Retail', 'Home & Garden', 'Pharmacy', 'Outfitters', 'Trading'],
  Hospitality: ['Hotels', 'Catering', 'Inns', 'Kitchen', 'Coffee House', 'Events'],
  Healthcare: ['Dental', 'Medical Centre', 'Care Homes', 'Clinic', 'Physio', 'Healthcare'],
  Education: ['Training', 'Academy', 'Learning', 'Language School', 'Nurseries', 'College'],
  Manufacturing: ['Engineering', 'Plastics', 'Components', 'Fabrication', 'Print Works', 'Industries'],
  Logistics: ['Logistics', 'Freight', 'Haulage', 'Couriers', 'Warehousing', 'Distribution'],
  'IT & telecom': ['Digital', 'Software', 'Networks', 'IT Solutions', 'Data', 'Telecom'],
  Construction: ['Builders', 'Construction', 'Contractors', 'Roofing', 'Developments', 'Joinery'],
  'Finance & insurance': ['Capital', 'Insurance Brokers', 'Accountants', 'Financial', 'Credit Union', 'Partners'],
  'Professional services': ['Consulting', 'Solicitors', 'Architects', 'Recruitment', 'Associates', 'Marketing'],
  'Food production': ['Foods', 'Bakery', 'Dairies', 'Brewery', 'Farm Produce', 'Fine Foods'],
  'Real estate': ['Estates', 'Property', 'Lettings', 'Facilities', 'Homes', 'Property Management'],
};

// Russian-speaking names: an industry stem and a common ending (СтройСнаб, МедЛайн), or a word.
const RU_STEMS: Readonly<Record<Industry, readonly string[]>> = {
  Retail: ['Торг', 'Маркет', 'Опт', 'Универсал'],
  Hospitality: ['Отель', 'Ресторан', 'Кейтеринг', 'Гурман'],
  Healthcare: ['Мед', 'Фарм', 'Дента', 'Здравмед'],
  Education: ['Учеб', 'Эрудит', 'Лингва', 'Знание'],
  Manufacturing: ['Пром', 'Завод', 'Металл', 'Пласт'],
  Logistics: ['Транс', 'Логист', 'Грузо', 'Экспедит'],
  'IT & telecom': ['Техно', 'Софт', 'Телеком', 'Инфо'],
  Construction: ['Строй', 'Монтаж', 'Дом', 'Ремстрой'],
  'Finance & insurance': ['Финанс', 'Страх', 'Капитал', 'Аудит'],
  'Professional services': ['Консалт', 'Бизнес', 'Эксперт', 'Кадр'],
  'Food production': ['Агро', 'Продукт', 'Хлеб', 'Молпрод'],
  'Real estate': ['Недвижимость', 'Девелоп', 'Риэлт', 'Жилфонд'],
};
const RU_ENDINGS = ['Сервис', 'Плюс', 'Групп', 'Лайн', 'Трейд', 'Инвест', 'Снаб', 'Центр', 'Профи', 'Альянс', 'Союз', 'Про'];
const RU_WORDS = [
  'Вектор', 'Альянс', 'Орион', 'Гарант', 'Ника', 'Меридиан', 'Северная звезда', 'Восход', 'Радуга', 'Атлант',
  'Континент', 'Прогресс', 'Сфера', 'Эталон', 'Феникс', 'Горизонт', 'Магистраль', 'Партнёр', 'Импульс', 'Стимул',
  'Лидер', 'Монолит', 'Аврора', 'Вертикаль', 'Кристалл', 'Олимп', 'Полюс', 'Рубин', 'Спектр', 'Янтарь',
];
const BY_WORDS = ['Белтехно', 'Неман', 'Полесье', 'Свитязь', 'Бобр', 'Минскснаб', 'Белинвест', 'Припять', 'Нарочь', 'Зубр'];
const KZ_WORDS = ['Алтын', 'Береке', 'Достык', 'Жулдыз', 'Самрук', 'Шанырак', 'Тенгри', 'Каспий', 'Алатау', 'Сарыарка', 'Казснаб', 'Астана-Трейд'];

const UK_STEMS: Readonly<Record<Industry, readonly string[]>> = {
  Retail: ['Торг', 'Маркет', 'Гурт', 'Крамниця'],
  Hospitality: ['Готель', 'Смак', 'Кейтеринг', 'Гостинний двір'],
  Healthcare: ['Мед', 'Фарм', 'Дента', 'Здоров'],
  Education: ['Освіт', 'Знання', 'Лінгва', 'Ерудит'],
  Manufacturing: ['Пром', 'Завод', 'Метал', 'Пласт'],
  Logistics: ['Транс', 'Логіст', 'Вантаж', 'Експедит'],
  'IT & telecom': ['Техно', 'Софт', 'Телеком', 'Інфо'],
  Construction: ['Буд', 'Монтаж', 'Дім', 'Рембуд'],
  'Finance & insurance': ['Фінанс', 'Страх', 'Капітал', 'Аудит'],
  'Professional services': ['Консалт', 'Бізнес', 'Експерт', 'Кадр'],
  'Food production': ['Агро', 'Продукт', 'Хліб', 'Молпрод'],
  'Real estate': ['Нерухомість', 'Девелоп', 'Ріелт', 'Житло'],
};
const UK_ENDINGS = ['Сервіс', 'Плюс', 'Груп', 'Лайн', 'Трейд', 'Інвест', 'Постач', 'Центр', 'Профі', 'Альянс', 'Союз', 'Світ'];
const UK_WORDS = [
  'Вектор', 'Оріон', 'Злагода', 'Світанок', 'Карпати', 'Вересень', 'Гарант', 'Меридіан', 'Обрій', 'Поділля', 'Слобожанщина',
  'Таврія', 'Дніпро', 'Берегиня', 'Колос', 'Джерело', 'Калина', 'Сіверянка', 'Говерла', 'Лелека', 'Ятрань', 'Інтеграл',
  'Кристал', 'Альянс', 'Полісся', 'Либідь', 'Десна', 'Смарагд', 'Веселка', 'Прогрес',
];

function cyrillicCore(rng: Rng, country: CountryCode, industry: Industry, lang: Lang): string {
  const ukr = lang === 'uk';
  const stems = (ukr ? UK_STEMS : RU_STEMS)[industry];
  const endings = ukr ? UK_ENDINGS : RU_ENDINGS;
  const words = ukr
    ? UK_WORDS
    : country === 'BY' && rng.chance(0.5) ? BY_WORDS : country === 'KZ' && rng.chance(0.5) ? KZ_WORDS : RU_WORDS;
  const r = rng.float();
  if (r < 0.45) {
    const stem = rng.pick(stems);
    // Multi-word stems do not compound ("Гостинний двір" stays as it is).
    return stem.includes(' ') ? stem : `${stem}${rng.pick(endings)}`;
  }
  if (r < 0.7) return `${rng.pick(words)}-${rng.pick(endings)}`;
  return rng.pick(words);
}

function englishCore(rng: Rng, country: CountryCode, industry: Industry): string {
  const root = country === 'IE' && rng.chance(0.6) ? rng.pick(IE_ROOTS) : rng.pick(EN_ROOTS);
  return `${root} ${rng.pick(EN_WORDS[industry])}`;
}

function slugOf(core: string, lang: Lang): string {
  const ascii = core
    .split(/[\s&-]+/)
    .map((w) => translit(w, lang))
    .filter((w) => w.length > 0);
  return ascii.join('-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

export function companyName(rng: Rng, country: CountryCode, industry: Industry, lang: Lang): CompanyName {
  const cyrillic = country !== 'GB' && country !== 'IE';
  const form = rng.weightedKey(FORMS[country]);
  let core: string;
  let slug: string;
  if (PERSONAL_FORMS.has(form)) {
    // An individual entrepreneur trades under their own name; the web address is the surname.
    const person = personName(rng, lang === 'en' ? 'ru' : lang);
    core = initialsName(person);
    slug = `${translit(person.last, person.lang)}-${industry === 'Retail' ? 'shop' : 'biz'}`;
  } else if (cyrillic) {
    core = cyrillicCore(rng, country, industry, lang === 'en' ? 'ru' : lang);
    slug = slugOf(core, lang === 'uk' ? 'uk' : 'ru');
  } else {
    core = englishCore(rng, country, industry);
    slug = slugOf(core, 'en');
  }
  return { core, form, full: withForm(core, form, cyrillic), slug };
}
