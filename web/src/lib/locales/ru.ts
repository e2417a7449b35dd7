// Russian: the language of the first teams using Counterpart. Loaded only when chosen.
// Keys follow the order of `en` in i18n.ts, section by section, so a new English string has an
// obvious place here too. Counted strings use the Russian plural forms (one / few / many), and
// counts that arrive already formatted are put after a colon ("Сделок: 12"), which reads
// correctly for every number.
import type { Catalogue, Messages } from '../i18n.ts';
import type { SchemaLabels } from '../labels.ts';

const plurals = new Intl.PluralRules('ru');

/** "1 запись", "2 записи", "5 записей": the form for n, with the number as `shown`. */
function count(n: number, shown: string, one: string, few: string, many: string): string {
  const rule = plurals.select(n);
  return `${shown} ${rule === 'one' ? one : rule === 'few' ? few : many}`;
}

/** "Сделка" → "сделку": the object of "Добавить" (feminine nouns change, the others do not). */
function accusative(noun: string): string {
  const word = noun.charAt(0).toLowerCase() + noun.slice(1);
  if (word.endsWith('ия')) return `${word.slice(0, -1)}ю`;
  if (word.endsWith('а')) return `${word.slice(0, -1)}у`;
  if (word.endsWith('я')) return `${word.slice(0, -1)}ю`;
  return word;
}

const messages: Messages = {
  loading: 'Загрузка…',
  close: 'Закрыть',
  cancel: 'Отмена',
  create: 'Создать',
  delete: 'Удалить',
  undo: 'Отменить',
  reload: 'Перезагрузить',
  dismiss: 'Скрыть',
  saved: 'Сохранено',
  saving: 'Сохранение…',
  yes: 'Да',
  no: 'Нет',
  none: '—',
  language: 'Язык',
  languageHint: 'Приложение перезагрузится на выбранном языке.',
  fieldIssue: (label, message) => `${label}: ${message}`,

  // First run and workspaces
  welcomeTitle: 'Добро пожаловать в Counterpart',
  welcomeText: 'Всё, что вы вводите, хранится на этом устройстве и доступно без сети. Начните с пустого рабочего пространства или посмотрите сгенерированную демо-компанию.',
  startEmpty: 'Создать пустое рабочее пространство',
  workspaceName: 'Название рабочего пространства',
  defaultWorkspaceName: 'Моё рабочее пространство',
  loadDemo: 'Загрузить демо',
  demoSize: 'Размер демо',
  demoSizeS: 'Малое — 500 контрагентов, всего около 28 000 записей',
  demoSizeM: 'Среднее — 5000 контрагентов, около 276 000 записей (размер для замеров; загрузка занимает несколько минут)',
  demoName: (size) => `Демо (${size.toUpperCase()})`,
  demoLoading: 'Загрузка демо',
  demoProgress: (done, total) => `Записи: ${done} из ${total}`,
  demoElapsed: (seconds) => `Прошло: ${seconds} с`,
  demoLoaded: (count, seconds) => `Демо загружено: записей — ${count}, за ${seconds} с`,
  demoFailed: (msg) => `Не удалось загрузить демо: ${msg}`,
  workspaces: 'Рабочие пространства',
  currentWorkspace: (name) => `Рабочее пространство: ${name}`,
  deleteWorkspace: 'Удалить это рабочее пространство…',
  confirmDeleteWorkspace: (name) =>
    `Удалить рабочее пространство «${name}» с этого устройства? Всё, что не синхронизировано с другими устройствами, будет потеряно.`,
  workspaceDeleted: (name) => `Рабочее пространство «${name}» удалено`,
  openingWorkspace: 'Открываем рабочее пространство…',

  // Layout
  mainNav: 'Разделы',
  moreSections: 'Ещё',
  search: 'Поиск',
  searchPlaceholder: 'Поиск контрагентов и контактов',
  searchShortcut: 'Ctrl K',
  searchShortcutMac: '⌘K',
  searchResults: 'Результаты поиска',
  noResults: (q) => `По запросу «${q}» ничего не найдено`,
  skipToContent: 'Перейти к содержимому',

  // Lists
  columnName: 'Название',
  recordCount: (n, formatted) => count(n, formatted, 'запись', 'записи', 'записей'),
  emptyList: (plural) => `${plural}: пока ни одной записи.`,
  newRecord: (singular) => `Добавить ${accusative(singular)}`,
  listHint: 'Стрелки ↑ и ↓ — перемещение, Enter — открыть.',
  filteredCount: (shown, total) => `${shown} из ${total}`,
  listReading: (done, total) => `Фильтрация… ${done} из ${total}`,
  listSorting: 'Сортировка…',
  noMatches: 'Нет записей, подходящих под эти фильтры',
  clearFilters: 'Сбросить фильтры',

  // List views: sort
  sortBy: (label) => `Сортировать по полю «${label}»`,
  sortedAsc: 'по возрастанию',
  sortedDesc: 'по убыванию',
  sortHere: 'Нет индекса: сортировка выполняется на этом устройстве и на очень длинных списках занимает несколько секунд',
  notSortable: 'По этой колонке нельзя сортировать',

  // List views: filters
  filters: 'Фильтры',
  addFilter: 'Добавить фильтр',
  filterField: 'Поле',
  filterOp: 'Условие',
  filterValue: 'Значение',
  removeFilter: (label) => `Убрать фильтр по полю «${label}»`,
  quickFilter: 'Фильтр по списку',
  quickFilterPlaceholder: 'Фильтр…',
  pickRecord: 'Начните вводить, чтобы найти запись',
  pickedRecord: (title) => `Запись: ${title}`,
  filterOpLabel: {
    contains: 'содержит',
    eq: 'равно',
    before: 'до',
    after: 'после',
    atLeast: 'не меньше',
    atMost: 'не больше',
    isTrue: 'да',
    isFalse: 'нет',
    empty: 'не заполнено',
    notEmpty: 'заполнено',
  },
  filterBadOp: (label) => `Это условие не подходит для поля «${label}»`,
  filterNeedsValue: (label) => `${label}: введите значение для сравнения`,
  filterNotNumber: (label, raw) => `${label}: «${raw}» — не число`,
  filterNotDate: (label, raw) => `${label}: «${raw}» — не дата (ГГГГ-ММ-ДД)`,
  filterNotOption: (label, options) => `${label}: выберите одно из значений: ${options}`,
  filterNotCurrency: (label, raw) => `${label}: «${raw}» — не трёхбуквенный код валюты`,
  filterUnknownField: (field) => `Поля «${field}» больше нет; этот фильтр не применяется`,

  // List views: columns
  columns: 'Колонки',
  columnsHint: 'Отметьте колонки, которые нужно показать; порядок меняется кнопками вверх и вниз.',
  moveColumnUp: (label) => `Переместить «${label}» выше`,
  moveColumnDown: (label) => `Переместить «${label}» ниже`,
  defaultColumns: 'Колонки по умолчанию',

  // List views: saved views
  views: 'Представления',
  allRecords: 'Все записи',
  viewChanged: 'изменено',
  defaultViewMark: 'по умолчанию',
  saveView: 'Сохранить представление…',
  saveChanges: (name) => `Сохранить изменения в «${name}»`,
  saveAsNew: 'Сохранить как новое представление…',
  renameView: 'Переименовать представление…',
  deleteView: 'Удалить представление',
  makeDefaultView: 'Открывать список с этим представлением',
  unsetDefaultView: 'Открывать список со всеми записями',
  viewName: 'Название представления',
  viewSaveTitle: 'Сохранить представление',
  viewRenameTitle: 'Переименовать представление',
  viewSaveHint: 'Сохраняется в рабочем пространстве: его видит вся команда на всех устройствах.',
  save: 'Сохранить',
  viewSaved: (name) => `Представление «${name}» сохранено`,
  viewDeleted: (name) => `Представление «${name}» удалено`,
  confirmDeleteView: (name) => `Удалить представление «${name}» для всех участников рабочего пространства?`,
  viewNameRequired: 'У представления должно быть название',
  viewNameTooLong: (max) => `Название представления — не больше ${count(max, String(max), 'символа', 'символов', 'символов')}`,
  viewNameTaken: (name) => `Представление «${name}» уже есть`,
  viewUnreadable: 'Сохранённое представление не удаётся прочитать',
  viewNoId: 'У сохранённого представления нет идентификатора',
  viewUnusable: (name, why) => `Представлением «${name}» нельзя воспользоваться: ${why}`,
  viewWhyNewer: 'оно сохранено более новой версией Counterpart',
  viewWhySort: 'его порядок сортировки не удаётся прочитать',
  viewWhyFilters: 'его фильтры не удаётся прочитать',
  viewWhyColumns: 'его колонки не удаётся прочитать',

  // Record page
  backTo: (plural) => `К списку «${plural}»`,
  createdOn: (when) => `Создано ${when}`,
  notFound: (singular) => `Этой записи (${singular.toLowerCase()}) нет на этом устройстве.`,
  deleted: (singular) => `${singular}: запись удалена`,
  restored: (singular) => `${singular}: запись восстановлена`,
  readOnlyViewer: 'Вы можете просматривать это рабочее пространство, но не изменять его.',
  readOnlyNewer: 'Эта запись сохранена более новой версией Counterpart. Она показана только для чтения, чтобы ничего не потерялось; обновите приложение, чтобы её редактировать.',
  contactsOfAccount: 'Контакты',
  timeline: 'Хронология',
  timelineEmpty: 'Пока нет звонков, встреч, заметок, заказов и тикетов.',
  timelineOrder: (n) => `Заказ ${n}`,
  logCall: 'Записать звонок',
  logMeeting: 'Записать встречу',
  addNote: 'Добавить заметку',
  dealsOfAccount: 'Сделки',
  showMore: (n) => `Показать ещё (осталось: ${n})`,
  noContacts: 'У этого контрагента пока нет контактов.',
  customFields: 'Дополнительные поля',
  addCustomField: 'Добавить поле',
  customFieldKey: 'Ключ',
  customFieldKeyHint: 'Строчные латинские буквы, цифры и _',
  customFieldLabel: 'Название',
  customFieldKind: 'Тип',
  customFieldOptions: 'Варианты (через запятую)',
  customFieldAdded: (label) => `Поле «${label}» добавлено`,
  currency: 'Валюта',
  lineProduct: 'Товар',
  lineQuantity: 'Количество',
  lineUnitPrice: 'Цена за единицу',
  lineDiscount: 'Скидка',
  lineTotal: 'Сумма',
  linesTotal: 'Итого',
  linesTotalAfter: (pct) => `Итого со скидкой ${pct} %`,
  noLines: 'Нет позиций.',
  notAnAmount: 'не является суммой',

  // Record history
  history: 'История',
  historyCount: (n) => count(n, String(n), 'изменение', 'изменения', 'изменений'),
  historyEmpty: 'С момента создания записи изменений не было.',
  historySomeone: 'Кто-то',
  historyChanged: (who, field, from, to) => `${who}: «${field}» — было ${from}, стало ${to}`,
  historySet: (who, field, to) => `${who}: «${field}» — ${to}`,
  historyCleared: (who, field, from) => `${who}: «${field}» очищено (было ${from})`,
  historyEdited: (who, field) => `${who} изменил(а) «${field}»`,
  historyCreated: (when) => `Создано ${when}`,
  historyLines: (n) => count(n, String(n), 'строка', 'строки', 'строк'),
  historyAnswers: (n) => count(n, String(n), 'ответ', 'ответа', 'ответов'),
  historyRestore: 'Вернуть',
  historyRestoreLabel: (field, value) => `Вернуть «${field}»: ${value}`,
  historyRestored: (field) => `«${field}» возвращено`,
  historyRestoreRefused: (field, why) => `«${field}» нельзя вернуть: ${why}`,
  justNow: 'только что',

  // Sync
  syncLocal: 'Только это устройство',
  syncLocalHint: 'Нет подключения к ретранслятору: все данные остаются на этом устройстве.',
  syncConnecting: 'Подключение…',
  syncSyncing: 'Синхронизация…',
  syncOnline: 'В сети',
  syncOffline: 'Не в сети',
  syncPaused: 'Приостановлено',
  syncRefused: 'Доступ запрещён',
  syncUnsent: (n) => count(n, String(n), 'неотправленное изменение', 'неотправленных изменения', 'неотправленных изменений'),
  syncLastSynced: (when) => `Последняя синхронизация: ${when}`,
  syncNever: 'Ещё не синхронизировано',
  syncTitle: 'Синхронизация',
  syncRole: (role) => `Ваша роль: ${role}`,
  syncPause: 'Работать без сети',
  syncResume: 'Выйти в сеть',
  syncConnect: 'Подключиться к ретранслятору…',
  syncDisconnect: 'Отключиться от ретранслятора',
  relayUrl: 'Адрес ретранслятора',
  relayToken: 'Токен доступа',
  relayTokenHint: (workspaceId) =>
    `Токен владельца этого рабочего пространства; его выводит на машине ретранслятора команда: npx counterpart-relay token --workspace ${workspaceId} --role owner`,
  relayConnect: 'Подключиться',
  relayConnected: (url) => `Подключено к ${url}`,
  relayBadUrl: 'Введите адрес ретранслятора, например http://localhost:8080',
  relayBadToken: (msg) => `Это не действительный токен доступа: ${msg}`,
  relayWrongWorkspace: (other) => `Этот токен для другого рабочего пространства (${other}).`,
  invite: 'Пригласить…',
  inviteRole: 'Роль',
  inviteExpiry: 'Ссылка действует',
  inviteCreate: 'Создать ссылку-приглашение',
  inviteLink: 'Ссылка-приглашение',
  inviteCopy: 'Скопировать ссылку',
  inviteCopied: 'Ссылка-приглашение скопирована',
  inviteRevoke: 'Отозвать эту ссылку',
  inviteRevoked: 'Ссылка-приглашение отозвана: устройства, подключившиеся по ней, отключены',
  inviteHint: 'Любой, у кого есть эта ссылка, может присоединиться к рабочему пространству с указанной ролью, пока ссылка действует.',
  inviteFailed: (msg) => `Не удалось создать приглашение: ${msg}`,
  days: (n) => count(n, String(n), 'день', 'дня', 'дней'),
  joinTitle: 'Присоединиться к рабочему пространству',
  joinText: (role, relay) => `Вас пригласили с ролью «${role}» в рабочее пространство, которое синхронизируется через ${relay}. Его данные будут загружены на это устройство и будут обновляться.`,
  joinName: 'Название этого рабочего пространства на этом устройстве',
  joinButton: 'Присоединиться',
  joinInvalid: (msg) => `Эта ссылка-приглашение недействительна: ${msg}`,
  joinDefaultName: 'Рабочее пространство команды',
  roleOwner: 'владелец',
  roleEditor: 'редактор',
  roleViewer: 'наблюдатель (только чтение)',

  presenceOnline: (n) => (n === 1 ? 'Ещё 1 человек в сети' : `Ещё ${count(n, String(n), 'человек', 'человека', 'человек')} в сети`),
  presenceViewing: (name) => `${name}: открыть запись, которую он(а) смотрит`,
  presenceHere: 'Здесь же',
  presenceEditing: (name) => `${name} редактирует`,
  yourName: 'Ваше имя (его видят другие)',

  // Pipeline
  pipeline: 'Воронка',
  pipelineHint: 'Перетащите карточку в другую колонку или воспользуйтесь её меню «Перенести в». Взвешенные суммы учитывают каждую сделку с её вероятностью.',
  pipelineReadOnly: 'Вы можете просматривать воронку; чтобы переносить сделки, нужны права на редактирование.',
  pipelineRep: 'Менеджер',
  pipelineAllReps: 'Все менеджеры',
  pipelineUnassigned: 'Без ответственного',
  pipelineCount: (n) => `Сделок: ${n}`,
  pipelineTotal: (amount) => `Сумма ${amount}`,
  pipelineWeighted: (amount) => `Взвешенная ${amount}`,
  pipelineDropHere: 'Перетащите сюда',
  pipelineShowMore: (n) => `Показать ещё: ${n}`,
  pipelineEmpty: 'Сделок пока нет.',
  pipelineMoveTo: 'Перенести в…',
  pipelineMoveLabel: (name) => `Перенести «${name}» в`,
  pipelineDragHandle: (name) => `Перетащить «${name}»`,
  pipelineNoClose: 'Без даты закрытия',
  pipelineMoved: (name, stage) => `«${name}» перенесена на этап «${stage}»`,
  pipelineLostTitle: (name) => `Отметить «${name}» как проигранную`,
  pipelineLostReason: 'Причина проигрыша',
  pipelineMarkLost: 'Отметить как проигранную',
  pipelineRepSummary: 'Прогноз по менеджерам',
  pipelineOpenTotal: 'Сумма открытых',
  pipelineWeightedForecast: 'Взвешенный прогноз',
  pipelineWonQuarter: 'Выиграно в этом квартале',

  // My day (tasks and agenda)
  agenda: 'Мой день',
  agendaMember: 'Чей день',
  agendaEveryone: 'Все',
  agendaUnassigned: 'Без ответственного',
  agendaYou: (name) => `${name} (вы)`,
  agendaOpenTasks: (n, formatted) => count(n, formatted, 'открытая задача', 'открытые задачи', 'открытых задач'),
  agendaReadOnly: 'Вы можете просматривать план дня; чтобы отмечать, назначать и добавлять задачи, нужны права на редактирование.',
  agendaOverdue: 'Просрочено',
  agendaToday: 'Сегодня',
  agendaUpcoming: 'Ближайшие 7 дней',
  agendaNothingOverdue: 'Просроченных задач нет.',
  agendaNothingToday: 'На сегодня ничего нет.',
  agendaNothingUpcoming: 'На ближайшие 7 дней ничего не запланировано.',
  agendaLate: (when) => `${when}, просрочено`,
  agendaShowMore: (n) => `Показать ещё: ${n}`,
  agendaComplete: (title) => `Выполнено: ${title}`,
  agendaTaskDone: (title) => `Выполнено: ${title}`,
  agendaTaskReopened: (title) => `Снова в работе: ${title}`,
  agendaAssignTo: (title) => `Назначить «${title}»`,
  agendaAssigned: (title, name) => `${title}: назначено — ${name}`,
  agendaRep: (name) => `с ${name}`,
  agendaNewTask: 'Новая задача',
  agendaTaskTitle: 'Задача',
  agendaTaskTitlePlaceholder: 'Перезвонить насчёт предложения…',
  agendaDue: 'Срок',
  agendaDueRequired: 'Для срока нужны день и время',
  agendaAssignee: 'Исполнитель',
  agendaReminder: 'Напоминание',
  agendaNoReminder: 'Без напоминания',
  agendaReminderBefore: (minutes) =>
    minutes === 0 ? 'В момент срока'
      : minutes < 60 ? `За ${count(minutes, String(minutes), 'минуту', 'минуты', 'минут')}`
        : minutes === 60 ? 'За час'
          : minutes === 24 * 60 ? 'За день'
            : `За ${count(Math.round(minutes / 60), String(Math.round(minutes / 60)), 'час', 'часа', 'часов')}`,
  agendaAccount: 'Контрагент (необязательно)',
  agendaAccountPlaceholder: 'Начните вводить название контрагента',
  agendaNoSuchAccount: (name) => `Контрагента «${name}» нет: выберите его из списка или оставьте поле пустым.`,
  agendaAdd: 'Добавить задачу',
  agendaAdded: (title) => `Задача добавлена: ${title}`,
  agendaNotifyAsk: 'Уведомлять и вне приложения',
  agendaNotifyHint: 'Напоминания показываются здесь, пока Counterpart открыт; разрешите уведомления, чтобы видеть их и в других окнах.',
  agendaNotifyDenied: 'Уведомления заблокированы в настройках браузера: напоминания показываются только в приложении.',
  agendaOpen: 'Открыть «Мой день»',
  reminderNotice: (title, due) => (due ? `Напоминание: ${title} (срок — ${due})` : `Напоминание: ${title}`),
  reminderDue: (due) => `Срок — ${due}`,
  reminderOpen: 'Открыть',
  remindersDue: (n) => `Сработали напоминания: ${n}`,

  // Insights
  insights: 'Аналитика',
  insightsNav: 'Страницы аналитики',
  insightsOverview: 'Обзор',
  insightsQuestions: 'Вопросы',
  insightsComputing: 'Считаем аналитику',
  stageReading: 'Читаем заказы и контакты',
  stageValue: 'Строим модели покупок и трат',
  stageSequences: 'Ищем, что покупают следом',
  stageQuestions: 'Отвечаем на вопросы продаж',
  stageChannels: 'Относим заказы к каналам',
  segmentName: (segment) => SEGMENTS[segment] ?? segment,
  insightsFailed: (msg) => `Не удалось посчитать аналитику: ${msg}`,
  insightsEmpty: 'Заказов пока нет. Аналитика появится, когда в рабочем пространстве будут заказы: сегменты клиентов, пожизненная ценность, кого вернуть и что клиенты покупают следом.',
  insightsAsOf: (date, orders, customers) => `На ${date}: заказов — ${orders}, клиентов — ${customers}.`,
  insightsOtherCurrency: (n, currency) => `Заказы в валютах, отличных от ${currency}, не учтены (${n}).`,
  insightsUpdating: 'Обновление…',
  segmentsTitle: 'Сегменты клиентов',
  segmentsHint: 'RFM-сегменты по давности, частоте и сумме покупок: сколько в каждом клиентов и сколько они потратили.',
  segmentColumn: 'Сегмент',
  customersColumn: 'Клиенты',
  valueColumn: 'Потрачено',
  clvColumn: 'Ожидаемая ценность (12 месяцев)',
  segmentBar: (segment, customers, value) => `${segment}: клиентов — ${customers}, потрачено ${value}`,
  clvTitle: 'Пожизненная ценность клиента',
  clvHint: (months, discount) =>
    `Ожидаемая сумма покупок каждого клиента за ${count(months, String(months), 'месяц', 'месяца', 'месяцев')} (модели BG/NBD и Gamma-Gamma, дисконт ${discount} в месяц).`,
  clvSummary: (total, median) => `Всего ${total}; половина клиентов ценнее ${median}.`,
  clvRange: (from, to) => `${from} – ${to}`,
  clvBucketBar: (range, customers) => `${range}: клиентов — ${customers}`,
  clvRangeColumn: 'Ожидаемая ценность',
  winBackTitle: 'Вернуть клиентов',
  winBackHint: 'Ценные клиенты, которые, вероятно, ушли или могут уйти; сначала те, у кого на кону больше.',
  winBackMore: (shown, total) => `Показано ${shown} из ${total}.`,
  winBackNone: 'Сейчас ни один ценный клиент не под угрозой ухода.',
  accountColumn: 'Контрагент',
  pAliveColumn: 'Ещё активен',
  lastOrderColumn: 'Последний заказ',
  atStakeColumn: 'На кону',
  rulesTitle: 'Что клиенты покупают следом',
  rulesHint: 'После заказа с первым товаром в следующем заказе часто есть второй.',
  rulesNone: 'Пока ни один товар не ведёт к другому достаточно часто.',
  fromProductColumn: 'После',
  toProductColumn: 'В следующем заказе',
  countColumn: 'Раз',
  confidenceColumn: 'Как часто',
  liftColumn: 'Лифт',
  channelsTitle: 'Отдача каналов',
  channelsHint: 'Каждый заказ относится к последнему контакту с клиентом за 30 дней до него.',
  channelColumn: 'Канал',
  contactsColumn: 'Контакты',
  costColumn: 'Затраты',
  ordersColumn: 'Заказы',
  revenueColumn: 'Выручка',
  roiColumn: 'Отдача на затраты',
  channelsNone: 'Контактов пока нет.',
  exchangeRate: (sales, cost) => `Курс: 1 ${sales} в ${cost}`,
  exchangeRateHint: (sales, cost) => `Продажи в ${sales}, а затраты на контакты в ${cost}: введите курс, чтобы их сравнить.`,
  showMoreRows: 'Показать ещё',

  // Questions
  questionsTitle: 'Вопросы',
  mixTitle: 'Что каждый клиент обычно покупает за месяц?',
  mixHint: 'Товары, которые клиент покупал хотя бы в одном месяце из десяти с первого заказа; доля месяцев и сумма за месяц.',
  mixFilter: 'Фильтр по контрагенту',
  mixNone: 'Пока никто ничего не покупает регулярно.',
  sequenceTitle: 'Что клиенты покупают следом?',
  sequenceFilter: 'После покупки',
  sequenceAny: 'Любой товар',
  contactedTitle: 'С кем связывались, но кто не заказал?',
  contactedHint: 'Клиенты, с которыми за период был звонок, встреча или письмо, но не было заказа.',
  periodFrom: 'С',
  periodTo: 'По',
  contactedNone: 'Все, с кем связывались за этот период, в нём же и заказали.',
  lastContactColumn: 'Последний контакт',
  lastOrderBeforeColumn: 'Последний заказ до этого',
  notifyTitle: 'Кому рассказать о новом товаре?',
  notifyHint: 'Клиенты, которые покупают в его категории или чей последний заказ обычно ведёт к нему, с учётом вероятности, что они ещё активны.',
  notifyProduct: 'Товар',
  notifyNone: 'Пока нет клиентов, которые вероятно купят этот товар.',
  propensityColumn: 'Вероятность',
  reasonColumn: 'Почему',
  reasonCategory: 'покупает в этой категории',
  reasonSequence: 'последний заказ ведёт к нему',
  answerMore: (shown, total) => `Показаны первые ${shown} из ${total}.`,

  // The account's insight card
  accountInsightTitle: 'Ценность клиента',
  accountInsightSegment: 'Сегмент',
  accountInsightPAlive: 'Ещё активен',
  accountInsightExpected: 'Ожидаемые заказы (12 месяцев)',
  accountInsightClv: 'Ожидаемая ценность (12 месяцев)',
  accountInsightNoOrders: 'Заказов пока нет: прогнозировать не из чего.',
  accountInsightExplain: (segment, purchases, last, alive, expected, clv) =>
    `${segment}: дней с покупками — ${purchases}, последняя — ${last}. Вероятность, что клиент ещё покупает, — ${alive}; за следующие 12 месяцев ожидается около ${expected} заказов на ${clv}.`,
  accountInsightMore: 'Вся аналитика',

  // Errors and notices
  somethingWentWrong: (msg) => `Что-то пошло не так: ${msg}`,
  outOfStorage: 'На устройстве закончилось место. Последнее изменение хранится в памяти, но не сохранено; освободите место, и оно сохранится со следующим изменением.',
  setAside: (n) =>
    n === 1
      ? '1 запись не удалось прочитать, она отложена.'
      : `${count(n, String(n), 'запись', 'записи', 'записей')} не удалось прочитать, они отложены.`,
  updateAvailable: 'Доступна новая версия Counterpart.',
  updateLater: 'Позже',
  updateActivating: 'Обновление…',
  offlineReady: 'Counterpart готов к работе без сети.',
};

/** RFM segment names of the analytics package (SPEC R3). */
const SEGMENTS: Readonly<Record<string, string>> = {
  Champions: 'Чемпионы',
  Loyal: 'Лояльные',
  'Potential loyalist': 'Потенциально лояльные',
  New: 'Новые',
  Promising: 'Перспективные',
  'Need attention': 'Требуют внимания',
  'About to sleep': 'Засыпающие',
  'At risk': 'Под угрозой ухода',
  "Can't lose them": 'Нельзя потерять',
  Hibernating: 'Спящие',
  Lost: 'Потерянные',
};

/** Every enum value of the schema, the kinds of custom fields and the timeline's entries. */
const options: Readonly<Record<string, string>> = {
  // Account kinds
  customer: 'Клиент', prospect: 'Потенциальный клиент', supplier: 'Поставщик', partner: 'Партнёр',
  distributor: 'Дистрибьютор', bank: 'Банк',
  // Buying-centre roles
  decision_maker: 'Принимает решение', influencer: 'Влияет на решение', buyer: 'Закупщик', user: 'Пользователь',
  gatekeeper: 'Привратник',
  // Activity types and task kinds
  call: 'Звонок', meeting: 'Встреча', visit: 'Визит', email: 'E-mail', letter: 'Письмо', note: 'Заметка', todo: 'Дело',
  // Activity outcomes
  completed: 'Выполнено', no_answer: 'Нет ответа', call_back: 'Перезвонить', interested: 'Заинтересован',
  not_interested: 'Не заинтересован', order: 'Заказ', left_message: 'Оставлено сообщение',
  inbound: 'Входящий', outbound: 'Исходящий',
  // Channels
  phone: 'Телефон', in_person: 'Лично', mail: 'Почта', video: 'Видеосвязь', web: 'Сайт', chat: 'Чат',
  // Deal stages
  lead: 'Лид', qualified: 'Квалифицирован', proposal: 'Предложение', negotiation: 'Переговоры', won: 'Выиграна',
  lost: 'Проиграна',
  // Quote statuses
  draft: 'Черновик', sent: 'Отправлено', accepted: 'Принято', rejected: 'Отклонено', expired: 'Истекло',
  // Order statuses and sources
  registered: 'Зарегистрирован', confirmed: 'Подтверждён', shipped: 'Отгружен', delivered: 'Доставлен',
  paid: 'Оплачен', cancelled: 'Отменён',
  field: 'Торговый представитель', pos: 'Касса (POS)', quote: 'Коммерческое предложение', import: 'Импорт',
  // Ticket severities and statuses
  low: 'Низкая', medium: 'Средняя', high: 'Высокая', critical: 'Критическая',
  new: 'Новый', open: 'В работе', pending: 'Ожидает ответа', resolved: 'Решён', closed: 'Закрыт',
  ticket: 'Тикет',
  // Lead sources and statuses
  web_form: 'Веб-форма', referral: 'Рекомендация', event: 'Мероприятие', campaign: 'Кампания', other: 'Другое',
  contacted: 'Связались', converted: 'Конвертирован', disqualified: 'Отсеян',
  // Campaign channels and statuses
  telemarketing: 'Телемаркетинг', field_visit: 'Выездные визиты', direct_mail: 'Прямая рассылка',
  planned: 'Запланирована', active: 'Идёт', done: 'Завершена',
  // Member roles
  owner: 'Владелец', editor: 'Редактор', viewer: 'Наблюдатель',
  // Kinds of custom fields
  text: 'Текст', longtext: 'Длинный текст', url: 'Веб-адрес', integer: 'Целое число', number: 'Число',
  boolean: 'Да или нет', date: 'Дата', datetime: 'Дата и время', enum: 'Выбор из списка', money: 'Сумма',
};

const schema: SchemaLabels = {
  accounts: {
    label: 'Контрагенты',
    singular: 'Контрагент',
    fields: {
      name: 'Название', kind: 'Тип', industry: 'Отрасль', email: 'E-mail', phone: 'Телефон', website: 'Сайт',
      address: 'Адрес', city: 'Город', country: 'Страна', territory: 'Территория', segment: 'Группа клиентов',
      ownerId: 'Ответственный', parentId: 'Головная организация', keyAccount: 'Ключевой клиент',
      accountPlan: 'План работы с клиентом', notes: 'Заметки',
    },
  },
  contacts: {
    label: 'Контакты',
    singular: 'Контакт',
    fields: {
      firstName: 'Имя', lastName: 'Фамилия', accountId: 'Контрагент', jobTitle: 'Должность',
      buyingRole: 'Роль в закупке', email: 'E-mail', phone: 'Телефон', mobile: 'Мобильный',
      ownerId: 'Ответственный', birthday: 'День рождения', notes: 'Заметки',
    },
  },
  activities: {
    label: 'Взаимодействия',
    singular: 'Взаимодействие',
    fields: {
      type: 'Тип', subject: 'Тема', at: 'Когда', direction: 'Направление', channel: 'Канал',
      durationMin: 'Длительность (мин)', cost: 'Стоимость', outcome: 'Результат', accountId: 'Контрагент',
      contactId: 'Контакт', dealId: 'Сделка', campaignId: 'Кампания', userId: 'Менеджер',
      report: 'Отчёт о встрече', expenses: 'Расходы',
    },
  },
  deals: {
    label: 'Сделки',
    singular: 'Сделка',
    fields: {
      name: 'Название', accountId: 'Контрагент', contactId: 'Контакт', ownerId: 'Ответственный',
      pipeline: 'Воронка', stage: 'Этап', amount: 'Сумма', probability: 'Вероятность, %',
      expectedClose: 'Ожидаемое закрытие', lostReason: 'Причина проигрыша', notes: 'Заметки',
    },
  },
  products: {
    label: 'Товары',
    singular: 'Товар',
    fields: {
      sku: 'Артикул', name: 'Название', category: 'Категория', price: 'Цена', unit: 'Единица',
      stock: 'Остаток на складе', availableOn: 'Доступен с', active: 'Активен', description: 'Описание',
    },
  },
  priceLists: {
    label: 'Прайс-листы',
    singular: 'Прайс-лист',
    fields: {
      name: 'Название', currency: 'Валюта', customerGroup: 'Группа клиентов', validFrom: 'Действует с',
      validTo: 'Действует по', items: 'Цены',
    },
  },
  quotes: {
    label: 'Предложения',
    singular: 'Предложение',
    fields: {
      number: 'Номер', accountId: 'Контрагент', contactId: 'Контакт', dealId: 'Сделка', ownerId: 'Ответственный',
      status: 'Статус', currency: 'Валюта', issuedOn: 'Выставлено', validUntil: 'Действует до',
      discountPct: 'Скидка, %', lines: 'Позиции', terms: 'Условия',
    },
  },
  orders: {
    label: 'Заказы',
    singular: 'Заказ',
    fields: {
      number: 'Номер', accountId: 'Контрагент', contactId: 'Контакт', quoteId: 'Предложение', ownerId: 'Менеджер',
      status: 'Статус', source: 'Источник', currency: 'Валюта', orderedOn: 'Дата заказа', discountPct: 'Скидка, %',
      lines: 'Позиции', externalId: 'Внешний номер', notes: 'Заметки',
    },
  },
  tasks: {
    label: 'Задачи',
    singular: 'Задача',
    fields: {
      title: 'Название', kind: 'Тип', dueAt: 'Срок', remindAt: 'Напоминание', done: 'Выполнена',
      assigneeId: 'Исполнитель', accountId: 'Контрагент', contactId: 'Контакт', dealId: 'Сделка', notes: 'Заметки',
    },
  },
  tickets: {
    label: 'Тикеты',
    singular: 'Тикет',
    fields: {
      subject: 'Тема', accountId: 'Контрагент', contactId: 'Контакт', orderId: 'Заказ', ownerId: 'Ответственный',
      severity: 'Важность', status: 'Статус', openedAt: 'Открыт', due: 'Срок', description: 'Описание',
      resolution: 'Решение',
    },
  },
  leads: {
    label: 'Лиды',
    singular: 'Лид',
    fields: {
      name: 'Имя', company: 'Компания', email: 'E-mail', phone: 'Телефон', source: 'Источник', campaignId: 'Кампания',
      status: 'Статус', answers: 'Ответы анкеты', score: 'Оценка', assigneeId: 'Ответственный менеджер',
      territory: 'Территория', receivedAt: 'Получен', firstResponseAt: 'Первый ответ', message: 'Сообщение',
    },
  },
  campaigns: {
    label: 'Кампании',
    singular: 'Кампания',
    fields: {
      name: 'Название', segment: 'Сегмент', channel: 'Канал', costPerContact: 'Стоимость контакта', status: 'Статус',
      startOn: 'Начало', endOn: 'Окончание', script: 'Скрипт звонка', description: 'Описание',
    },
  },
  attachments: {
    label: 'Вложения',
    singular: 'Вложение',
    fields: {
      name: 'Имя файла', mimeType: 'Тип', size: 'Размер (байт)', sha256: 'SHA-256', parentId: 'Прикреплено к',
      caption: 'Подпись',
    },
  },
  users: {
    label: 'Участники',
    singular: 'Участник',
    fields: {
      name: 'Имя', email: 'E-mail', role: 'Роль', title: 'Должность', territory: 'Территория', color: 'Цвет',
      active: 'Активен',
    },
  },
  lines: {
    productId: 'Товар', description: 'Описание', quantity: 'Количество', unitPrice: 'Цена за единицу',
    discountPct: 'Скидка, %', item: 'Статья', amount: 'Сумма', receiptId: 'Чек', price: 'Цена',
    minQty: 'Минимальное количество',
  },
};

/** The model's validation messages (checkValue, validate), pattern by pattern; others unchanged. */
const CHECKS: readonly (readonly [RegExp, (...groups: string[]) => string])[] = [
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
  [/^must be one of (.*)$/, (list) => `должно быть одним из значений: ${list}`],
  [/^must be a three-letter ISO currency code$/, () => 'должно быть трёхбуквенным кодом валюты ISO'],
  [/^must be an amount with a currency$/, () => 'должно быть суммой с валютой'],
  [/^must be a whole number of minor units \(cents\)$/, () => 'должно быть целым числом копеек (центов)'],
  [/^must have a three-letter ISO currency code$/, () => 'нужен трёхбуквенный код валюты ISO'],
  [/^must be a record id$/, () => 'должно быть идентификатором записи'],
  [/^"(.*)" is not a record id$/, (v) => `«${v}» — не идентификатор записи`],
  [/^must refer to (\w+), not (\w+)$/, (to, got) => `должно ссылаться на ${to}, а не на ${got}`],
  [/^must be a set of answers$/, () => 'должно быть набором ответов'],
  [/^must be a list of lines$/, () => 'должно быть списком позиций'],
  [/^is not a field of (.*)$/, (c) => `нет такого поля (${c})`],
];

function check(message: string): string {
  for (const [pattern, say] of CHECKS) {
    const m = pattern.exec(message);
    if (m) return say(...m.slice(1));
  }
  return message;
}

export const ru: Catalogue = { messages, options, schema, check };
