// The words of the workspace in English, Russian and Ukrainian: activity subjects, meeting
// reports, task titles, tickets, lead messages, account notes and plans, quote terms, deal names
// and lost reasons, job titles.
import type { Rng } from '../random.ts';
import { CATEGORIES } from './categories.ts';
import type { Lang } from './people.ts';

type PerLang<T> = Readonly<Record<Lang, T>>;
type Lines = PerLang<readonly string[]>;

export type BuyingRole = 'decision_maker' | 'influencer' | 'buyer' | 'user' | 'gatekeeper';
export type ActivityType = 'call' | 'meeting' | 'visit' | 'email' | 'letter' | 'note';
export type TaskKind = 'todo' | 'call' | 'visit' | 'email' | 'letter';
export type Outcome = 'completed' | 'no_answer' | 'call_back' | 'interested' | 'not_interested' | 'order' | 'left_message';
export type ExpenseItem = 'fuel' | 'parking' | 'meal' | 'hotel' | 'train';

/** A category's name in a language (the English name when it is not in the catalogue). */
function categoryIn(lang: Lang, name: string): string {
  const c = CATEGORIES.find((x) => x.name === name);
  return !c || lang === 'en' ? name : c[lang];
}

export const JOB_TITLES: Readonly<Record<BuyingRole, Lines>> = {
  decision_maker: {
    en: ['Managing Director', 'Operations Director', 'Owner', 'General Manager', 'Finance Director', 'Head of Facilities'],
    ru: ['Генеральный директор', 'Директор', 'Коммерческий директор', 'Финансовый директор', 'Владелец', 'Управляющий'],
    uk: ['Генеральний директор', 'Директор', 'Комерційний директор', 'Фінансовий директор', 'Власник', 'Керуючий'],
  },
  influencer: {
    en: ['Office Manager', 'Facilities Manager', 'Head Chef', 'IT Manager', 'Operations Manager', 'HR Manager'],
    ru: ['Офис-менеджер', 'Главный инженер', 'Шеф-повар', 'Руководитель ИТ', 'Заместитель директора', 'Главный бухгалтер'],
    uk: ['Офіс-менеджер', 'Головний інженер', 'Шеф-кухар', 'Керівник ІТ', 'Заступник директора', 'Головний бухгалтер'],
  },
  buyer: {
    en: ['Purchasing Manager', 'Buyer', 'Procurement Officer', 'Office Manager', 'Purchasing Assistant'],
    ru: ['Менеджер по закупкам', 'Закупщик', 'Начальник отдела снабжения', 'Специалист по закупкам', 'Снабженец'],
    uk: ['Менеджер із закупівель', 'Закупівельник', 'Начальник відділу постачання', 'Фахівець із закупівель'],
  },
  user: {
    en: ['Administrator', 'Warehouse Supervisor', 'Team Leader', 'Receptionist', 'Kitchen Manager', 'Shift Manager'],
    ru: ['Администратор', 'Кладовщик', 'Начальник склада', 'Старший смены', 'Завхоз', 'Бухгалтер'],
    uk: ['Адміністратор', 'Комірник', 'Начальник складу', 'Старший зміни', 'Завгосп', 'Бухгалтер'],
  },
  gatekeeper: {
    en: ['Receptionist', 'Personal Assistant', 'Executive Assistant', 'Office Administrator'],
    ru: ['Секретарь', 'Помощник руководителя', 'Секретарь-референт', 'Администратор ресепшн'],
    uk: ['Секретар', 'Помічник керівника', 'Секретар-референт', 'Адміністратор рецепції'],
  },
};

export const ACCOUNT_NOTES: Lines = {
  en: [
    'Deliveries to the goods entrance at the back, before 11:00.',
    'Pays by bank transfer, 30 days; invoices to accounts@ only.',
    'Closed in August for the summer shutdown.',
    'Reception signs for deliveries; ask for a named recipient on big orders.',
    'Prefers a monthly consolidated invoice.',
    'Parking is difficult: use the loading bay on the side street.',
    'Came to us from a competitor after delivery problems there.',
    'Head office orders for all branches; branches must not order directly.',
    'Price-sensitive: always ask for the current promotion.',
    'PO number required on every invoice.',
  ],
  ru: [
    'Доставка через служебный вход, до 11:00.',
    'Оплата по безналу, отсрочка 30 дней; счета только на бухгалтерию.',
    'В августе не работают — летний перерыв.',
    'Товар принимает секретарь; крупные заказы — только под доверенность.',
    'Просят один закрывающий счёт в конце месяца.',
    'Сложно с парковкой: разгрузка со двора.',
    'Пришли от конкурента после проблем с доставкой.',
    'Заказы за все филиалы делает головной офис.',
    'Очень чувствительны к цене: всегда предлагать текущую акцию.',
    'В каждом счёте обязателен номер заявки.',
  ],
  uk: [
    'Доставка через службовий вхід, до 11:00.',
    'Оплата безготівкою, відтермінування 30 днів; рахунки лише на бухгалтерію.',
    'У серпні не працюють — літня перерва.',
    'Товар приймає секретар; великі замовлення — лише за довіреністю.',
    'Просять один підсумковий рахунок наприкінці місяця.',
    'Складно з паркуванням: розвантаження з двору.',
    'Перейшли від конкурента після проблем із доставкою.',
    'Замовлення за всі філії робить головний офіс.',
    'Дуже чутливі до ціни: завжди пропонувати поточну акцію.',
    'У кожному рахунку обовʼязковий номер заявки.',
  ],
};

const PLAN: PerLang<{
  goal: (cats: string) => string;
  pick: readonly (readonly string[])[];
  heads: readonly [string, string, string, string];
}> = {
  en: {
    goal: (cats) => `Grow our share of their spend on ${cats}; move them to a monthly standing order.`,
    heads: ['Goals', 'Buying centre', 'Actions', 'Risks'],
    pick: [
      ['Decision maker signs off anything over €5k; the office manager runs the day-to-day orders.', 'Procurement runs an annual tender; the users push for brands they know.', 'The owner decides; finance checks every invoice.'],
      ['Quarterly business review with the decision maker.', 'Introduce the new coffee and water range with a free trial.', 'Set up a standing order with automatic top-ups.', 'Offer next-day delivery to every branch.'],
      ['A competitor offers lower prices on paper and toner.', 'New procurement manager may re-tender.', 'Late payments last year: keep an eye on the credit limit.', 'Budget cuts announced for next year.'],
    ],
  },
  ru: {
    goal: (cats) => `Увеличить долю в закупках по категориям ${cats}; перевести на ежемесячный регулярный заказ.`,
    heads: ['Цели', 'Закупочный центр', 'Действия', 'Риски'],
    pick: [
      ['ЛПР согласует всё дороже 5 тыс. евро; текущие заказы ведёт офис-менеджер.', 'Ежегодный тендер через отдел закупок; пользователи продвигают знакомые бренды.', 'Решает владелец; бухгалтерия проверяет каждый счёт.'],
      ['Ежеквартальная встреча с ЛПР по итогам.', 'Предложить новую линейку кофе и воды с бесплатным тестом.', 'Настроить регулярный заказ с автопополнением.', 'Доставка на следующий день во все филиалы.'],
      ['Конкурент даёт цены ниже на бумагу и картриджи.', 'Новый закупщик может объявить тендер.', 'В прошлом году были просрочки оплат: следить за кредитным лимитом.', 'На следующий год объявлено сокращение бюджета.'],
    ],
  },
  uk: {
    goal: (cats) => `Збільшити частку в закупівлях за категоріями ${cats}; перевести на щомісячне регулярне замовлення.`,
    heads: ['Цілі', 'Закупівельний центр', 'Дії', 'Ризики'],
    pick: [
      ['ОПР погоджує все, що дорожче за 5 тис. євро; поточні замовлення веде офіс-менеджер.', 'Щорічний тендер через відділ закупівель; користувачі просувають знайомі бренди.', 'Вирішує власник; бухгалтерія перевіряє кожен рахунок.'],
      ['Щоквартальна зустріч з ОПР за підсумками.', 'Запропонувати нову лінійку кави та води з безкоштовним тестом.', 'Налаштувати регулярне замовлення з автопоповненням.', 'Доставка наступного дня в усі філії.'],
      ['Конкурент дає нижчі ціни на папір і картриджі.', 'Новий закупівельник може оголосити тендер.', 'Минулого року були прострочення оплат: стежити за кредитним лімітом.', 'На наступний рік оголошено скорочення бюджету.'],
    ],
  },
};

/** A key-account plan: goals in the account's favourite categories, buying centre, actions, risks. */
export function accountPlan(rng: Rng, lang: Lang, favouriteCategoryNames: readonly string[]): string {
  const p = PLAN[lang];
  const names = favouriteCategoryNames.filter((n) => n).map((n) => (lang === 'en' ? n.toLowerCase() : `«${categoryIn(lang, n)}»`));
  const cats = names.length ? names.join(', ') : lang === 'en' ? 'office supplies' : lang === 'ru' ? '«Канцтовары»' : '«Канцтовари»';
  const [centre = [], actions = [], risks = []] = p.pick;
  const two = (xs: readonly string[]): string[] => {
    const a = rng.pick(xs);
    let b = rng.pick(xs);
    if (b === a) b = xs[(xs.indexOf(a) + 1) % xs.length] ?? a;
    return a === b ? [a] : [a, b];
  };
  return [
    `${p.heads[0]}: ${p.goal(cats)}`,
    `${p.heads[1]}: ${rng.pick(centre)}`,
    `${p.heads[2]}:\n${two(actions).map((a) => `- ${a}`).join('\n')}`,
    `${p.heads[3]}: ${rng.pick(risks)}`,
  ].join('\n');
}

export const TASK_TITLES: Readonly<Record<TaskKind, Lines>> = {
  todo: {
    en: ['Update the price agreement', 'Check the credit limit', 'Prepare samples', 'Send the new catalogue', 'Chase overdue invoice', 'Update contact details'],
    ru: ['Обновить договор по ценам', 'Проверить кредитный лимит', 'Подготовить образцы', 'Отправить новый каталог', 'Напомнить о просроченном счёте', 'Обновить контакты'],
    uk: ['Оновити договір щодо цін', 'Перевірити кредитний ліміт', 'Підготувати зразки', 'Надіслати новий каталог', 'Нагадати про прострочений рахунок', 'Оновити контакти'],
  },
  call: {
    en: ['Follow-up call after the quote', 'Call about the next order', 'Check the delivery arrived', 'Call back: asked for prices', 'Quarterly check-in call'],
    ru: ['Перезвонить по КП', 'Позвонить по следующему заказу', 'Уточнить, получили ли доставку', 'Перезвонить: просили цены', 'Плановый звонок раз в квартал'],
    uk: ['Передзвонити щодо КП', 'Зателефонувати щодо наступного замовлення', 'Уточнити, чи отримали доставку', 'Передзвонити: просили ціни', 'Плановий дзвінок раз на квартал'],
  },
  visit: {
    en: ['Visit: present the new range', 'Site visit: check stock levels', 'Visit with samples', 'Quarterly business review on site'],
    ru: ['Визит: презентация новинок', 'Визит: проверить остатки', 'Визит с образцами', 'Квартальная встреча у клиента'],
    uk: ['Візит: презентація новинок', 'Візит: перевірити залишки', 'Візит зі зразками', 'Квартальна зустріч у клієнта'],
  },
  email: {
    en: ['Send the quote', 'E-mail the updated price list', 'Send the order confirmation', 'Reply about delivery dates'],
    ru: ['Отправить КП', 'Выслать актуальный прайс', 'Отправить подтверждение заказа', 'Ответить по срокам доставки'],
    uk: ['Надіслати КП', 'Надіслати актуальний прайс', 'Надіслати підтвердження замовлення', 'Відповісти щодо термінів доставки'],
  },
  letter: {
    en: ['Post the signed contract', 'Send the catalogue by post', 'Send a thank-you letter'],
    ru: ['Отправить подписанный договор почтой', 'Отправить каталог почтой', 'Отправить благодарственное письмо'],
    uk: ['Надіслати підписаний договір поштою', 'Надіслати каталог поштою', 'Надіслати лист-подяку'],
  },
};

/** The welcome cadence for a new customer: a call, then a letter with the key phone numbers. */
export const WELCOME: PerLang<{ readonly call: string; readonly letter: string }> = {
  en: { call: 'Welcome call: how was the first order?', letter: 'Welcome letter with the key phone numbers' },
  ru: { call: 'Приветственный звонок: как прошёл первый заказ?', letter: 'Приветственное письмо с ключевыми телефонами' },
  uk: { call: 'Вітальний дзвінок: як пройшло перше замовлення?', letter: 'Вітальний лист з ключовими номерами телефонів' },
};

export const LEAD_MESSAGES: Lines = {
  en: [
    'Hello, we are moving to a new office next month and need a supplier for coffee, water and stationery. Could you send a price list?',
    'Can you quote for 40 boxes of A4 paper and toner for our printers? Monthly delivery.',
    'Looking for a water cooler rental for an office of 25 people.',
    'Please call me back about a bean-to-cup coffee machine for our café.',
    'We need cleaning and washroom supplies for three sites. Do you deliver to all of them?',
    'Our current supplier keeps missing deliveries. What are your terms for a new account?',
  ],
  ru: [
    'Здравствуйте! Переезжаем в новый офис, нужен поставщик кофе, воды и канцтоваров. Пришлите прайс, пожалуйста.',
    'Нужно КП на 40 коробок бумаги А4 и картриджи, поставка ежемесячно.',
    'Интересует аренда кулера для офиса на 25 человек.',
    'Перезвоните, пожалуйста, по кофемашине для нашего кафе.',
    'Нужна бытовая химия и гигиена на три объекта. Доставляете по всем адресам?',
    'Текущий поставщик срывает сроки. Какие у вас условия для новых клиентов?',
  ],
  uk: [
    'Добрий день! Переїжджаємо в новий офіс, потрібен постачальник кави, води та канцтоварів. Надішліть прайс, будь ласка.',
    'Потрібна КП на 40 коробок паперу А4 і картриджі, поставка щомісяця.',
    'Цікавить оренда кулера для офісу на 25 осіб.',
    'Передзвоніть, будь ласка, щодо кавомашини для нашої кавʼярні.',
    'Потрібна побутова хімія та гігієна на три обʼєкти. Чи доставляєте на всі адреси?',
    'Поточний постачальник зриває терміни. Які у вас умови для нових клієнтів?',
  ],
};

export interface TicketText {
  readonly subject: string;
  readonly description: string;
  readonly resolution: string;
}

const ticket = (subject: string, description: string, resolution: string): TicketText => ({ subject, description, resolution });

export const TICKETS: PerLang<readonly TicketText[]> = {
  en: [
    ticket('Damaged goods on delivery', 'Two boxes arrived crushed; the paper inside is wet.', 'Replacement sent next day; carrier claim filed.'),
    ticket('Wrong item delivered', 'We ordered black toner and received the colour set.', 'Correct item delivered, wrong one collected.'),
    ticket('Missing items', 'The delivery note lists 12 packs but only 10 arrived.', 'Two packs delivered with the next run; credit note not needed.'),
    ticket('Invoice does not match the order', 'Invoice shows the retail price instead of our agreed price.', 'Invoice reissued at the price-list price.'),
    ticket('Coffee machine not working', 'The machine shows a descaling error and will not brew.', 'Engineer visit; descaled and tested. Advised on the cleaning cycle.'),
    ticket('Late delivery', 'Order promised for Tuesday has not arrived.', 'Delivered Wednesday morning; delivery fee refunded.'),
    ticket('Water cooler leaking', 'Water under the cooler every morning.', 'Cooler replaced under warranty.'),
  ],
  ru: [
    ticket('Повреждённый товар при доставке', 'Две коробки пришли мятые, бумага внутри намокла.', 'Замену отправили на следующий день, претензия перевозчику подана.'),
    ticket('Привезли не тот товар', 'Заказывали чёрный картридж, пришёл цветной набор.', 'Нужный товар доставлен, ошибочный забрали.'),
    ticket('Недовложение', 'В накладной 12 упаковок, пришло 10.', 'Две упаковки довезли со следующим рейсом.'),
    ticket('Счёт не совпадает с заказом', 'В счёте розничная цена вместо согласованной.', 'Счёт перевыставлен по прайсу группы.'),
    ticket('Не работает кофемашина', 'Машина показывает ошибку декальцинации и не варит.', 'Выезд инженера, очистка и проверка. Проконсультировали по уходу.'),
    ticket('Задержка доставки', 'Заказ обещали во вторник, до сих пор нет.', 'Доставили в среду утром, стоимость доставки вернули.'),
    ticket('Протекает кулер', 'Каждое утро лужа под кулером.', 'Кулер заменён по гарантии.'),
  ],
  uk: [
    ticket('Пошкоджений товар під час доставки', 'Дві коробки прийшли пом’яті, папір усередині намок.', 'Заміну надіслали наступного дня, претензію перевізнику подано.'),
    ticket('Привезли не той товар', 'Замовляли чорний картридж, прийшов кольоровий набір.', 'Потрібний товар доставлено, помилковий забрали.'),
    ticket('Недовкладення', 'У накладній 12 упаковок, прийшло 10.', 'Дві упаковки довезли наступним рейсом.'),
    ticket('Рахунок не збігається із замовленням', 'У рахунку роздрібна ціна замість погодженої.', 'Рахунок перевиставлено за прайсом групи.'),
    ticket('Не працює кавомашина', 'Машина показує помилку декальцинації і не варить.', 'Виїзд інженера, очищення та перевірка. Проконсультували щодо догляду.'),
    ticket('Затримка доставки', 'Замовлення обіцяли у вівторок, досі немає.', 'Доставили в середу вранці, вартість доставки повернули.'),
    ticket('Протікає кулер', 'Щоранку калюжа під кулером.', 'Кулер замінено за гарантією.'),
  ],
};

export const EXPENSE_ITEMS: PerLang<Readonly<Record<ExpenseItem, string>>> = {
  en: { fuel: 'Fuel', parking: 'Parking', meal: 'Lunch with client', hotel: 'Hotel', train: 'Train ticket' },
  ru: { fuel: 'Топливо', parking: 'Парковка', meal: 'Обед с клиентом', hotel: 'Гостиница', train: 'Билет на поезд' },
  uk: { fuel: 'Пальне', parking: 'Паркування', meal: 'Обід з клієнтом', hotel: 'Готель', train: 'Квиток на потяг' },
};

export const SUBJECTS: Readonly<Record<ActivityType, Lines>> = {
  call: {
    en: ['Follow-up on the quote', 'Order by phone', 'Checking stock needs', 'Delivery query', 'Price enquiry', 'Introductory call'],
    ru: ['Звонок по КП', 'Заказ по телефону', 'Уточнение потребности', 'Вопрос по доставке', 'Запрос цен', 'Знакомство'],
    uk: ['Дзвінок щодо КП', 'Замовлення телефоном', 'Уточнення потреби', 'Питання щодо доставки', 'Запит цін', 'Знайомство'],
  },
  meeting: {
    en: ['Quarterly business review', 'Contract renewal', 'Presentation of the new range', 'Pricing for next year', 'Tender briefing'],
    ru: ['Квартальная встреча', 'Продление договора', 'Презентация новинок', 'Цены на следующий год', 'Обсуждение тендера'],
    uk: ['Квартальна зустріч', 'Продовження договору', 'Презентація новинок', 'Ціни на наступний рік', 'Обговорення тендеру'],
  },
  visit: {
    en: ['Site visit', 'Visit with samples', 'Stock check on site', 'Coffee tasting', 'Visit: new contact'],
    ru: ['Визит к клиенту', 'Визит с образцами', 'Проверка остатков', 'Дегустация кофе', 'Визит: знакомство'],
    uk: ['Візит до клієнта', 'Візит зі зразками', 'Перевірка залишків', 'Дегустація кави', 'Візит: знайомство'],
  },
  email: {
    en: ['Quote sent', 'Price list', 'Order confirmation', 'Re: delivery dates', 'Invoice copy', 'New catalogue'],
    ru: ['КП отправлено', 'Прайс-лист', 'Подтверждение заказа', 'Re: сроки доставки', 'Копия счёта', 'Новый каталог'],
    uk: ['КП надіслано', 'Прайс-лист', 'Підтвердження замовлення', 'Re: терміни доставки', 'Копія рахунку', 'Новий каталог'],
  },
  letter: {
    en: ['Catalogue by post', 'Signed contract', 'Season offer', 'Thank-you letter'],
    ru: ['Каталог почтой', 'Подписанный договор', 'Сезонное предложение', 'Благодарственное письмо'],
    uk: ['Каталог поштою', 'Підписаний договір', 'Сезонна пропозиція', 'Лист-подяка'],
  },
  note: {
    en: ['Note', 'Competitor info', 'Change of contact', 'Payment reminder', 'Internal note'],
    ru: ['Заметка', 'Информация о конкуренте', 'Смена контакта', 'Напоминание об оплате', 'Внутренняя заметка'],
    uk: ['Нотатка', 'Інформація про конкурента', 'Зміна контакту', 'Нагадування про оплату', 'Внутрішня нотатка'],
  },
};

const REPORT: PerLang<{
  met: (who: string) => string;
  team: string;
  discussed: string;
  topics: readonly string[];
  result: string;
  outcomes: Readonly<Record<Outcome, string>>;
  next: string;
  steps: readonly string[];
}> = {
  en: {
    met: (who) => `Met ${who}`,
    team: 'Met the team',
    discussed: 'Discussed',
    topics: ['current consumption and stock levels', 'the new coffee range', 'prices for next year', 'delivery schedule', 'a standing monthly order', 'problems with the last delivery', 'a competitor\u2019s offer', 'the water cooler trial'],
    result: 'Result',
    outcomes: {
      completed: 'went through everything as planned', no_answer: 'nobody available', call_back: 'asked us to come back later',
      interested: 'interested, wants a quote', not_interested: 'not interested for now', order: 'placed an order on the spot',
      left_message: 'left a message',
    },
    next: 'Next steps',
    steps: ['send the quote', 'call back in two weeks', 'bring samples next visit', 'update the price agreement', 'book a meeting with the decision maker', 'set up the standing order'],
  },
  ru: {
    met: (who) => `Встреча: ${who}`,
    team: 'Встреча с командой клиента',
    discussed: 'Обсудили',
    topics: ['текущее потребление и остатки', 'новую линейку кофе', 'цены на следующий год', 'график доставки', 'ежемесячный регулярный заказ', 'проблемы с последней доставкой', 'предложение конкурента', 'тестовый период кулера'],
    result: 'Итог',
    outcomes: {
      completed: 'всё прошло по плану', no_answer: 'никого не было на месте', call_back: 'просили вернуться позже',
      interested: 'заинтересованы, ждут КП', not_interested: 'пока не интересно', order: 'оформили заказ на месте',
      left_message: 'оставили сообщение',
    },
    next: 'Следующие шаги',
    steps: ['отправить КП', 'перезвонить через две недели', 'привезти образцы', 'обновить договор по ценам', 'назначить встречу с ЛПР', 'настроить регулярный заказ'],
  },
  uk: {
    met: (who) => `Зустріч: ${who}`,
    team: 'Зустріч з командою клієнта',
    discussed: 'Обговорили',
    topics: ['поточне споживання і залишки', 'нову лінійку кави', 'ціни на наступний рік', 'графік доставки', 'щомісячне регулярне замовлення', 'проблеми з останньою доставкою', 'пропозицію конкурента', 'тестовий період кулера'],
    result: 'Підсумок',
    outcomes: {
      completed: 'усе пройшло за планом', no_answer: 'нікого не було на місці', call_back: 'просили повернутися пізніше',
      interested: 'зацікавлені, чекають КП', not_interested: 'поки не цікаво', order: 'оформили замовлення на місці',
      left_message: 'залишили повідомлення',
    },
    next: 'Наступні кроки',
    steps: ['надіслати КП', 'передзвонити через два тижні', 'привезти зразки', 'оновити договір щодо цін', 'призначити зустріч з ОПР', 'налаштувати регулярне замовлення'],
  },
};

/** A short meeting or visit report: who was there, what was discussed, the result, next steps. */
export function report(rng: Rng, lang: Lang, contactName: string, outcome: Outcome): string {
  const r = REPORT[lang];
  const a = rng.pick(r.topics);
  let b = rng.pick(r.topics);
  if (b === a) b = r.topics[(r.topics.indexOf(a) + 1) % r.topics.length] ?? a;
  const step = outcome === 'not_interested' ? r.steps[1] ?? rng.pick(r.steps) : rng.pick(r.steps);
  return [
    `${contactName ? r.met(contactName) : r.team}.`,
    `${r.discussed}: ${a}; ${b}.`,
    `${r.result}: ${r.outcomes[outcome]}.`,
    `${r.next}: ${step}.`,
  ].join('\n');
}

/** Standard commercial terms of a quote, valid until the given date (YYYY-MM-DD). */
export function quoteTerms(lang: Lang, validUntil: string): string {
  switch (lang) {
    case 'en':
      return `Prices in EUR excluding VAT. Valid until ${validUntil}. Delivery within 2 working days, free over €150. Payment 30 days from invoice.`;
    case 'ru':
      return `Цены в евро без НДС. Предложение действительно до ${validUntil}. Доставка за 2 рабочих дня, бесплатно от 150 €. Оплата в течение 30 дней.`;
    case 'uk':
      return `Ціни в євро без ПДВ. Пропозиція дійсна до ${validUntil}. Доставка за 2 робочі дні, безкоштовно від 150 €. Оплата протягом 30 днів.`;
  }
}

export const LOST_REASONS: Lines = {
  en: ['Price too high', 'Went with the incumbent supplier', 'No budget this year', 'Chose a competitor with faster delivery', 'Project cancelled', 'No response after the quote'],
  ru: ['Дорого', 'Остались у текущего поставщика', 'Нет бюджета в этом году', 'Выбрали конкурента с более быстрой доставкой', 'Проект отменён', 'Пропали после КП'],
  uk: ['Дорого', 'Залишилися в поточного постачальника', 'Немає бюджету цього року', 'Обрали конкурента зі швидшою доставкою', 'Проєкт скасовано', 'Зникли після КП'],
};

/** "Coffee & tea supply — Kestrel Freight", or "… top-up" for a repeat deal of a customer. */
export function dealName(lang: Lang, categoryName: string, accountCore: string, repeat: boolean): string {
  switch (lang) {
    case 'en':
      return `${categoryName} ${repeat ? 'top-up' : 'supply'} — ${accountCore}`;
    case 'ru':
      return `${repeat ? 'Допоставка' : 'Поставка'} «${categoryName}» — ${accountCore}`;
    case 'uk':
      return `${repeat ? 'Допостачання' : 'Постачання'} «${categoryName}» — ${accountCore}`;
  }
}
