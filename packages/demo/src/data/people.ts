// People: first names, surnames and patronymics in English, Russian and Ukrainian, the ASCII
// forms their e-mail addresses use, and the one-letter typos of planted near-duplicates.
import type { Rng } from '../random.ts';

export type Lang = 'en' | 'ru' | 'uk';
export const LANGS: readonly Lang[] = ['en', 'ru', 'uk'];

export type Gender = 'm' | 'f';

export interface PersonName {
  readonly first: string;
  readonly last: string;
  /** Patronymic (Russian and Ukrainian names), else undefined. */
  readonly middle: string | undefined;
  readonly gender: Gender;
  readonly lang: Lang;
}

interface NameBook {
  readonly male: readonly string[];
  readonly female: readonly string[];
  /** Surnames in their masculine form (see feminine()). */
  readonly last: readonly string[];
  /** Fathers' first names, from which patronymics are made. */
  readonly fathers: readonly string[];
}

const BOOKS: Readonly<Record<Lang, NameBook>> = {
  en: {
    male: [
      'James', 'Oliver', 'Jack', 'Harry', 'George', 'Thomas', 'William', 'Daniel', 'Matthew', 'Samuel', 'David', 'Michael',
      'Andrew', 'Richard', 'Paul', 'Mark', 'Stephen', 'Peter', 'Christopher', 'Ben', 'Liam', 'Conor', 'Sean', 'Patrick',
      'Ciaran', 'Owen', 'Rhys', 'Callum', 'Ryan', 'Adam',
    ],
    female: [
      'Emma', 'Olivia', 'Sophie', 'Charlotte', 'Emily', 'Jessica', 'Hannah', 'Lucy', 'Amy', 'Laura', 'Sarah', 'Rachel',
      'Claire', 'Helen', 'Kate', 'Rebecca', 'Grace', 'Chloe', 'Megan', 'Ella', 'Aoife', 'Niamh', 'Siobhan', 'Ciara',
      'Fiona', 'Zoe', 'Alice', 'Ruth', 'Joanne', 'Victoria',
    ],
    last: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson',
      'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Harris', 'Lewis', 'Hughes',
      'Edwards', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'Baker', 'Parker', 'Bennett', 'Carter', 'Mitchell',
      'Shaw', 'Fletcher', 'Holmes', 'Marsh', 'Pearson', 'Barker', 'Murphy', 'Kelly', "O'Brien", 'Byrne', 'Ryan',
      "O'Connor", 'Walsh', 'Doyle', 'McCarthy', 'Gallagher', 'Kennedy', 'Lynch', 'Quinn', 'Nolan', 'Brennan', 'Fitzgerald',
      'Stewart', 'Campbell', 'MacLeod', 'Reid',
    ],
    fathers: [],
  },
  ru: {
    male: [
      'Александр', 'Алексей', 'Андрей', 'Антон', 'Артём', 'Борис', 'Вадим', 'Виктор', 'Владимир', 'Дмитрий', 'Евгений',
      'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин', 'Максим', 'Михаил', 'Никита', 'Николай', 'Олег', 'Павел',
      'Роман', 'Сергей', 'Станислав', 'Юрий', 'Денис', 'Григорий',
    ],
    female: [
      'Анна', 'Алина', 'Анастасия', 'Валентина', 'Виктория', 'Галина', 'Дарья', 'Екатерина', 'Елена', 'Ирина',
      'Ксения', 'Людмила', 'Марина', 'Мария', 'Наталья', 'Ольга', 'Полина', 'Светлана', 'Софья', 'Татьяна', 'Юлия',
      'Вера', 'Оксана', 'Надежда', 'Евгения', 'Алла',
    ],
    last: [
      'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
      'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
      'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
      'Романов', 'Воробьёв', 'Сергеев', 'Фролов', 'Беляев', 'Тарасов', 'Белов', 'Комаров', 'Киселёв', 'Ильин',
      'Гусев', 'Титов', 'Кудрявцев', 'Баранов', 'Куликов', 'Поляков', 'Жуков', 'Ковалевский', 'Вишневский',
      'Островский', 'Толстой', 'Крылов', 'Медведев', 'Ершов', 'Давыдов', 'Щербаков', 'Шевцов', 'Бондаренко', 'Карпов', 'Рябов',
    ],
    fathers: ['Александр', 'Алексей', 'Андрей', 'Виктор', 'Владимир', 'Дмитрий', 'Евгений', 'Иван', 'Игорь', 'Михаил', 'Николай', 'Олег', 'Павел', 'Пётр', 'Сергей', 'Юрий', 'Борис', 'Геннадий', 'Анатолий', 'Валерий'],
  },
  uk: {
    male: [
      'Олександр', 'Андрій', 'Богдан', 'Василь', 'Віктор', 'Володимир', 'Дмитро', 'Євген', 'Іван', 'Ігор', 'Максим',
      'Микола', 'Михайло', 'Олег', 'Остап', 'Павло', 'Петро', 'Роман', 'Сергій', 'Тарас', 'Юрій', 'Ярослав', 'Степан',
      'Назар', 'Віталій', 'Денис',
    ],
    female: [
      'Олена', 'Оксана', 'Ольга', 'Наталія', 'Ірина', 'Тетяна', 'Юлія', 'Марія', 'Галина', 'Світлана', 'Катерина',
      'Анна', 'Христина', 'Соломія', 'Дарина', 'Леся', 'Людмила', 'Мар’яна', 'Вікторія', 'Софія', 'Зоряна',
      'Надія', 'Інна', 'Лариса',
    ],
    last: [
      'Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевчук', 'Поліщук', 'Бойко',
      'Мельник', 'Лисенко', 'Коваль', 'Савченко', 'Петренко', 'Руденко', 'Марченко', 'Мороз', 'Павленко', 'Кузьменко',
      'Романенко', 'Мазур', 'Гончаренко', 'Левченко', 'Харченко', 'Литвиненко', 'Сидоренко', 'Гнатюк', 'Ковальчук',
      'Кравчук', 'Приходько', 'Онищенко', 'Яковенко', 'Білик', 'Ярошенко', 'Гуменюк', 'Костенко', 'Тимошенко', 'Захарчук',
      'Данилюк', 'Савчук', 'Козак', 'Гриценко', 'Вдовиченко', 'Дорошенко', 'Мирошниченко', 'Кириленко', 'Федорчук',
      'Стельмах', 'Гайдамака', 'Остапчук', 'Вербицький', 'Грушевський', 'Литвин', 'Андрієнко', 'Карпенко', 'Зінченко',
    ],
    fathers: ['Олександр', 'Андрій', 'Василь', 'Віктор', 'Володимир', 'Іван', 'Миколай', 'Михайло', 'Петро', 'Сергій', 'Юрій', 'Степан', 'Григорій', 'Богдан', 'Анатолій'],
  },
};

/** The feminine form of a masculine surname (Иванов → Иванова, Вербицький → Вербицька). */
function feminine(last: string, lang: Lang): string {
  if (lang === 'en') return last;
  if (lang === 'ru') {
    if (/(ский|цкий)$/.test(last)) return `${last.slice(0, -2)}ая`;
    if (/ой$/.test(last)) return `${last.slice(0, -2)}ая`;
    if (/(ов|ев|ёв|ин|ын)$/.test(last)) return `${last}а`;
    return last;
  }
  if (/(ський|цький)$/.test(last)) return `${last.slice(0, -2)}а`;
  if (/(ов|ев|єв|ін|ин)$/.test(last)) return `${last}а`;
  return last;
}

/** Patronymic from a father's name (Сергей → Сергеевич / Сергеевна). */
function patronymic(father: string, gender: Gender, lang: Lang): string {
  const m = gender === 'm';
  if (lang === 'ru') {
    if (father === 'Пётр') return m ? 'Петрович' : 'Петровна';
    if (father === 'Илья') return m ? 'Ильич' : 'Ильинична';
    if (/[ийь]$/.test(father)) return `${father.slice(0, -1)}${m ? 'евич' : 'евна'}`;
    return `${father}${m ? 'ович' : 'овна'}`;
  }
  if (father === 'Миколай') return m ? 'Миколайович' : 'Миколаївна';
  if (/[ийь]$/.test(father)) return `${father.slice(0, -1)}${m ? 'йович' : 'ївна'}`;
  return `${father}${m ? 'ович' : 'івна'}`;
}

export function personName(rng: Rng, lang: Lang): PersonName {
  const book = BOOKS[lang];
  const gender: Gender = rng.chance(0.5) ? 'm' : 'f';
  const first = rng.pick(gender === 'm' ? book.male : book.female);
  const surname = rng.pick(book.last);
  const last = gender === 'f' ? feminine(surname, lang) : surname;
  const middle = book.fathers.length ? patronymic(rng.pick(book.fathers), gender, lang) : undefined;
  return { first, last, middle, gender, lang };
}

export function fullName(name: PersonName): string {
  return `${name.first} ${name.last}`;
}

/** "Коваленко О. П.": how an individual entrepreneur (ФОП, ИП) is registered. */
export function initialsName(name: PersonName): string {
  const initial = (s: string): string => `${s.charAt(0)}.`;
  return name.middle ? `${name.last} ${initial(name.first)} ${initial(name.middle)}` : `${name.last} ${initial(name.first)}`;
}

const BASE_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', '\u2019': '', "'": '',
};
/** Russian: и is i and г is g; Ukrainian (the 2010 national system): и is y and г is h. */
const LATIN: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: BASE_LATIN,
  ru: { ...BASE_LATIN, и: 'i', г: 'g' },
  uk: { ...BASE_LATIN, и: 'y', г: 'h' },
};

/** Lower-case ASCII transliteration; anything else that is not a letter or digit is dropped. */
export function translit(s: string, lang: Lang): string {
  const table = LATIN[lang === 'en' ? 'ru' : lang];
  let out = '';
  for (const ch of s.toLowerCase()) {
    const t = table[ch];
    if (t !== undefined) out += t;
    else if (/[a-z0-9]/.test(ch)) out += ch;
  }
  return out;
}

/**
 * The local part of a person's e-mail address, lower-case ASCII: variant 0 is first.last,
 * 1 flast, 2 first, 3 last.first (larger variants wrap around).
 */
export function emailLocal(name: PersonName, variant: number): string {
  const first = translit(name.first, name.lang) || 'user';
  const last = translit(name.last, name.lang) || 'user';
  switch (((variant % 4) + 4) % 4) {
    case 0:
      return `${first}.${last}`;
    case 1:
      return `${first.charAt(0)}${last}`;
    case 2:
      return first;
    default:
      return `${last}.${first}`;
  }
}

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/**
 * A plausible one-letter slip (two neighbouring letters swapped, a letter dropped or doubled),
 * never at the first letter of a word. The result always differs from `s`, within edit distance 2.
 */
export function typo(rng: Rng, s: string): string {
  const chars = [...s];
  const positions: number[] = [];
  // Inside words only: not a word's first letter, and not an initial ("О. П.").
  for (let i = 1; i < chars.length; i++) if (isLetter(chars[i]) && isLetter(chars[i - 1])) positions.push(i);
  if (positions.length === 0) return `${s}${s.slice(-1) || 'x'}`;
  for (let attempt = 0; attempt < 6; attempt++) {
    const i = rng.pick(positions);
    const op = rng.int(0, 2);
    const out = [...chars];
    if (op === 0 && isLetter(out[i + 1]) && out[i] !== out[i + 1]) {
      out[i] = chars[i + 1] as string;
      out[i + 1] = chars[i] as string;
    } else if (op === 1 && positions.length >= 3) {
      out.splice(i, 1);
    } else if (op === 2) {
      out.splice(i, 0, chars[i] as string);
    } else {
      continue;
    }
    const result = out.join('');
    if (result !== s) return result;
  }
  const i = positions[positions.length - 1] as number;
  return [...chars.slice(0, i + 1), chars[i] as string, ...chars.slice(i + 1)].join('');
}
