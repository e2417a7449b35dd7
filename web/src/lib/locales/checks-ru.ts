// The model's and the store's messages for the person who made a mistake, in Russian, pattern by
// pattern: field checks (checkValue, validate), sales read from a till's file or the relay
// (model transactions.ts, interop transactions.ts), the workspace's rule sets (sales-settings.ts)
// and custom field definitions. The app shows every such message through one function
// (`messageText` in labels.ts, which calls this); a message no pattern knows is shown as it is.

type Say = (...groups: string[]) => string;

/** Codes a file or a request must use, each with its name: "paid (Оплачен)". */
function codes(list: string, option: (value: string) => string): string {
  return list.split(', ').map((code) => {
    const name = option(code);
    return name && name !== code ? `${code} (${name})` : code;
  }).join(', ');
}

/** Whole messages: a field's own check, said of the field beside it. */
const fieldChecks = (option: (value: string) => string): readonly (readonly [RegExp, Say])[] => [
  [/^is required$/, () => 'обязательное поле'],
  [/^must be text$/, () => 'должно быть текстом'],
  [/^must be at most (\d+) characters$/, (n) => `не длиннее ${n} символов`],
  [/^must be an e-mail address$/, () => 'должно быть адресом e-mail'],
  [/^"(.*)" is not an e-mail address$/, (v) => `«${v}» — не адрес e-mail`],
  [/^must be a phone number$/, () => 'должно быть номером телефона'],
  [/^"(.*)" is not a phone number$/, (v) => `«${v}» — не номер телефона`],
  [/^must be a web address$/, () => 'должно быть веб-адресом'],
  [/^must be an http\(s\) address$/, () => 'должно быть адресом http(s)'],
  [/^"(.*)" is not a web address$/, (v) => `«${v}» — не веб-адрес`],
  [/^must be a number$/, () => 'должно быть числом'],
  [/^must be a whole number$/, () => 'должно быть целым числом'],
  [/^must be at least (-?[\d.]+)$/, (n) => `не меньше ${n}`],
  [/^must be at most (-?[\d.]+)$/, (n) => `не больше ${n}`],
  [/^must be yes or no$/, () => 'должно быть «да» или «нет»'],
  [/^must be a date \(YYYY-MM-DD\)$/, () => 'должно быть датой (ГГГГ-ММ-ДД)'],
  [/^must be a date and time$/, () => 'должно быть датой и временем'],
  [/^must be one of (.*)$/, (list) => `должно быть одним из значений: ${codes(list, option)}`],
  [/^must be a three-letter ISO currency code$/, () => 'должно быть трёхбуквенным кодом валюты ISO'],
  [/^must be an amount with a currency$/, () => 'должно быть суммой с валютой'],
  [/^must be a whole number of minor units \(cents\)$/, () => 'должно быть целым числом копеек (центов)'],
  [/^must have a three-letter ISO currency code$/, () => 'нужен трёхбуквенный код валюты ISO'],
  [/^must not be negative$/, () => 'не может быть отрицательной'],
  [/^must be a record id$/, () => 'должно быть идентификатором записи'],
  [/^"(.*)" is not a record id$/, (v) => `«${v}» — не идентификатор записи`],
  [/^must refer to (\w+), not (\w+)$/, (to, got) => `должно ссылаться на ${to}, а не на ${got}`],
  [/^must be a set of answers$/, () => 'должно быть набором ответов'],
  [/^must be a list of lines$/, () => 'должно быть списком позиций'],
  // A sale (model SPEC T1): said of the field of the sale beside it.
  [/^is not a field of a transaction$/, () => 'такого поля у продажи нет'],
  [/^is not a field of a line$/, () => 'такого поля у позиции нет'],
  [/^is not a field of (.*)$/, (c) => `нет такого поля (${c})`],
  [/^is required to resolve a ticket$/, () => 'нужно заполнить, чтобы решить обращение'],
  [/^must be an object$/, () => 'должно быть объектом'],
  [/^is longer than (\d+) characters$/, (n) => `длиннее ${n} символов`],
  [/^must be a date, YYYY-MM-DD$/, () => 'должно быть датой, ГГГГ-ММ-ДД'],
  [/^must be a currency code such as EUR$/, () => 'должно быть кодом валюты, например EUR'],
  [/^give lines or amount, not both$/, () => 'укажите либо позиции, либо сумму, но не то и другое'],
  [/^give lines or amount$/, () => 'укажите позиции или сумму'],
  [/^must have at least one line$/, () => 'нужна хотя бы одна позиция'],
  [/^has more than (\d+) lines$/, (n) => `больше ${n} позиций`],
  [/^must be a number above 0$/, () => 'должно быть числом больше 0'],
  [/^must be an amount such as 12\.50$/, () => 'должно быть суммой, например 12.50'],
  [/^must be text of at most (\d+) characters$/, (n) => `должно быть текстом не длиннее ${n} символов`],
  [/^must be an object with id, email or phone$/, () => 'должно быть объектом с id, email или phone'],
  [/^is not a customer key: use id, email or phone$/, () => 'клиента так не найти: используйте id, email или phone'],
  [/^must be an account or contact id$/, () => 'должно быть идентификатором контрагента или контакта'],
  [/^is not an e-mail address$/, () => 'не адрес e-mail'],
  [/^is not a phone number$/, () => 'не номер телефона'],
  [/^give id, email or phone$/, () => 'укажите id, email или phone'],
  [/^no account or contact with (.*)$/, (keys) => `нет контрагента или контакта с ${customerKeys(keys)}`],
  [/^map a column to the external id$/, () => 'сопоставьте какой-нибудь столбец внешнему номеру'],
  [/^map a column to the customer id, e-mail or phone$/, () => 'сопоставьте какой-нибудь столбец идентификатору, e-mail или телефону клиента'],
  [/^map a column to the amount or to the price$/, () => 'сопоставьте какой-нибудь столбец сумме или цене'],
];

/** "id acc_1, e-mail a@b.c, phone …5550102030" (model describeCustomer). */
function customerKeys(text: string): string {
  return text.split(', ').map((part) => part
    .replace(/^id /, 'идентификатором ')
    .replace(/^e-mail /, 'e-mail ')
    .replace(/^phone /, 'телефоном ')).join(', ');
}

/** What a rule set's message is about ("Question 2, answer 1: points"), or undefined. */
function subject(text: string, option: (value: string) => string): string | undefined {
  const rules: readonly (readonly [RegExp, Say])[] = [
    [/^Questions$/, () => 'Вопросы'],
    [/^Question (\d+)$/, (q) => `Вопрос ${q}`],
    [/^Question (\d+): answers$/, (q) => `Вопрос ${q}: ответы`],
    [/^Question (\d+), answer (\d+)$/, (q, a) => `Вопрос ${q}, ответ ${a}`],
    [/^Question (\d+), answer (\d+): points$/, (q, a) => `Вопрос ${q}, ответ ${a}: баллы`],
    [/^Routing rules$/, () => 'Правила распределения'],
    [/^Rule (\d+)$/, (r) => `Правило ${r}`],
    [/^Rule (\d+): reps$/, (r) => `Правило ${r}: менеджеры`],
    [/^Rule (\d+): rep$/, (r) => `Правило ${r}: менеджер`],
    [/^Rule (\d+): territory$/, (r) => `Правило ${r}: территория`],
    [/^Rule (\d+): product line$/, (r) => `Правило ${r}: товарное направление`],
    [/^The response deadline$/, () => 'Срок ответа'],
    [/^The response deadline \(hours\)$/, () => 'Срок ответа (часы)'],
    [/^The working day start$/, () => 'Начало рабочего дня'],
    [/^The working day end$/, () => 'Конец рабочего дня'],
    [/^Ticket deadlines$/, () => 'Сроки обращений'],
    [/^The (\w+) ticket deadline \(hours\)$/, (s) => `Срок обращения «${option(s)}» (часы)`],
    [/^Cadence steps$/, () => 'Шаги приветственной серии'],
    [/^Step (\d+)$/, (n) => `Шаг ${n}`],
    [/^Step (\d+): days after the first order$/, (n) => `Шаг ${n}: дней после первого заказа`],
    [/^Step (\d+): title$/, (n) => `Шаг ${n}: название`],
    [/^Web forms$/, () => 'Веб-формы'],
    [/^Web form (\d+)$/, (n) => `Веб-форма ${n}`],
    [/^Web form (\d+): name$/, (n) => `Веб-форма ${n}: название`],
    [/^Web form (\d+): created$/, (n) => `Веб-форма ${n}: дата создания`],
    [/^Channel costs$/, () => 'Стоимость каналов'],
    [/^The cost per contact of (.+)$/, (c) => `Стоимость контакта в канале «${option(c.replace(' ', '_'))}»`],
  ];
  for (const [pattern, say] of rules) {
    const m = pattern.exec(text);
    if (m) return say(...m.slice(1));
  }
  return undefined;
}

/** A rule set's messages: what it is about, then what is wrong with it. */
const SETTINGS_CHECKS: readonly (readonly [RegExp, Say, 'codes'?])[] = [
  [/^(.+) must be an object$/, () => 'нужен объект'],
  [/^(.+) must be a list$/, () => 'нужен список'],
  [/^(.+): at most (\d+) entries$/, (n) => `не больше ${n} элементов`],
  [/^(.+) needs an id of 1–40 letters, digits, _ or -$/, () => 'нужен идентификатор из 1–40 латинских букв, цифр, _ или -'],
  [/^(.+) must be text$/, () => 'нужен текст'],
  [/^(.+) is required$/, () => 'нужно заполнить'],
  [/^(.+) must be at most (\d+) characters$/, (n) => `не длиннее ${n} символов`],
  [/^(.+) must be a number$/, () => 'нужно число'],
  [/^(.+) must be a whole number$/, () => 'нужно целое число'],
  [/^(.+) must be between (-?[\d.]+) and (-?[\d.]+)$/, (a, b) => `от ${a} до ${b}`],
  [/^(.+): the id "(.*)" is used twice$/, (id) => `идентификатор «${id}» встречается дважды`],
  [/^(.+) needs at least two answers$/, () => 'нужно не меньше двух ответов'],
  [/^(.+): "sets" must be territory or productLine$/, () => '«sets» может быть только territory или productLine'],
  [/^(.+) needs at least one rep$/, () => 'нужен хотя бы один менеджер'],
  [/^(.+) needs a territory or a product line$/, () => 'нужна территория или товарное направление'],
  [/^(.+): the task kind must be one of (.*)$/, (list) => `вид задачи должен быть одним из: ${list}`, 'codes'],
  [/^(.+) has no token$/, () => 'нет токена'],
];

const COMPANY: Readonly<Record<string, string>> = { companyName: 'Название компании', companyAddress: 'Адрес компании', companyLogo: 'Логотип компании' };

/** Whole messages of the rule sets, the workspace's details and custom fields. */
const OTHER_CHECKS: readonly (readonly [RegExp, Say])[] = [
  [/^The working day must end after it starts$/, () => 'Рабочий день должен заканчиваться позже, чем начинается'],
  [/^"(.*)" is not a campaign channel$/, (c) => `«${c}» — не канал кампаний`],
  [/^The approval threshold must be a percentage from 0 to 100$/, () => 'Порог согласования должен быть процентом от 0 до 100'],
  [/^(companyName|companyAddress|companyLogo) must be text of at most (\d+) characters$/, (k, n) => `${COMPANY[k]}: текст не длиннее ${n} символов`],
  [/^A custom field must be an object$/, () => 'Дополнительное поле должно быть объектом'],
  [/^Custom field key must start with a letter and use only a-z, 0-9 and _ \(at most 40\)$/,
    () => 'Ключ дополнительного поля должен начинаться с буквы и состоять только из a-z, 0-9 и _ (не длиннее 40)'],
  [/^Custom field "(.*)" needs a label of 1–80 characters$/, (k) => `Дополнительному полю «${k}» нужно название из 1–80 символов`],
  [/^Custom field "(.*)" has unknown kind "(.*)"$/, (k, kind) => `У дополнительного поля «${k}» неизвестный тип «${kind}»`],
  [/^Custom field "(.*)" is a choice field and needs a list of options$/, (k) => `Дополнительное поле «${k}» — выбор из списка, ему нужен список вариантов`],
  [/^Custom field "(.*)": required must be true or false$/, (k) => `Дополнительное поле «${k}»: «обязательное» должно быть да или нет`],
  [/^"(.*)" is already a field of (.*)$/, (k) => `«${k}» уже есть среди полей`],
];

/** The check of the Russian catalogue; `option` names enum values (severities, channels). */
export function makeCheck(option: (value: string) => string): (message: string) => string {
  const whole = [...fieldChecks(option), ...OTHER_CHECKS];
  return (message) => {
    for (const [pattern, say] of whole) {
      const m = pattern.exec(message);
      if (m) return say(...m.slice(1));
    }
    for (const [pattern, say, list] of SETTINGS_CHECKS) {
      const m = pattern.exec(message);
      const about = m ? subject(m[1]!, option) : undefined;
      if (m && about) return `${about}: ${say(...m.slice(2).map((g) => (list ? codes(g, option) : g)))}`;
    }
    return message;
  };
}
