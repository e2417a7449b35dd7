// Russian strings of the telemarketing screens; keys as in `calls-en.ts`.
import type { CallsMessages } from './calls-en.ts';

const calls = (n: number): string => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return `${n} звонок`;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return `${n} звонка`;
  return `${n} звонков`;
};

export const callsRu: CallsMessages = {
  pickTitle: 'Обзвон',
  pickIntro: 'Активные кампании телемаркетинга. Выберите кампанию, чтобы обзванивать её список по сценарию — на этом устройстве, в том числе без сети.',
  noCampaigns: 'Нет активных кампаний телемаркетинга. Кампания появится здесь, когда её канал — «Телемаркетинг», а статус — «Активна» (Ещё → Кампании или Аналитика → сегмент → Кампания).',
  otherCampaigns: (n) => `Ещё кампаний телемаркетинга в плане или завершённых: ${n}.`,
  segmentOf: (segment) => `Сегмент: ${segment}`,
  noSegment: 'Без сегмента: контрагенты добавлены вручную',
  toCall: (n) => `Позвонить: ${n}`,
  allLists: '← Все списки обзвона',
  openCampaign: 'Карточка кампании',
  missing: 'Этой кампании нет на этом устройстве (возможно, её удалили).',
  notTelemarketing: 'Канал этой кампании — не телемаркетинг; список всё равно показан.',
  notActive: 'Эта кампания не активна.',
  removed: (n) => `Не заинтересованы, убраны из списка: ${n}`,
  listTitle: 'Список обзвона',
  waitingForSegment: 'Определяем, кто входит в сегмент…',
  emptyNoSegment: 'В списке пока никого. У кампании нет сегмента: добавьте контрагентов для обзвона ниже.',
  emptySegment: (segment) => `Звонить некому: в сегменте «${segment}» сейчас нет контрагентов.`,
  addAccount: 'Добавить контрагента в обзвон',
  added: (name) => `${name} — в списке обзвона`,
  stateDue: (when) => `Позвонить ${when}`,
  stateFresh: 'Ещё не звонили',
  stateLater: (when) => `Следующий звонок ${when}`,
  stateDone: 'Звонок сделан',
  lastCall: (outcome, when, who) => (who ? `${outcome}, ${when}, ${who}` : `${outcome}, ${when}`),
  calls,
  noContact: 'У контрагента пока нет контактов',

  sessionTitle: (name) => `Звонок: ${name}`,
  pickSomeone: 'Выберите, кому позвонить, в списке.',
  contactToCall: 'Контакт',
  noPhone: 'Нет номера телефона',
  lastOrders: 'Последние заказы',
  noOrders: 'Заказов пока нет',
  timer: 'Длительность звонка',
  script: 'Сценарий',
  noScript: 'У кампании нет сценария звонка. Добавьте его на странице кампании (поле «Сценарий звонка»).',
  scriptError: (line, reason) => `В сценарии звонка ошибка в строке ${line}: ${reason} Звонки всё равно можно записывать.`,
  step: (n) => `Шаг ${n}`,
  next: 'Далее',
  back: 'Назад',
  restart: 'Сначала',
  scriptEnd: 'Конец сценария.',
  outcomes: 'Результат',
  outcomeKey: (key) => `Клавиша ${key}`,
  callBackAt: 'Перезвонить',
  badCallBack: 'Выберите, когда перезвонить: дату и время не раньше текущего момента.',
  nextContact: 'Следующий контакт',
  nextContactKey: 'Клавиша N',
  logged: (outcome, name) => `${outcome}: ${name}`,
  loggedNext: (outcome, name, when) => `${outcome}: ${name}, следующий звонок ${when}`,
  orderRegistered: (name) => `Заказ по звонку оформлен: ${name}`,
  undone: 'Звонок отменён',
  callSubject: (campaign) => `Звонок: ${campaign}`,
  taskTitle: (name, campaign) => `Позвонить: ${name} (${campaign})`,
  readOnly: 'Список можно смотреть; записывать звонки может редактор.',
  keysHint: 'Клавиши: 1–5 — результат звонка, N — следующий контакт.',

  scriptReasons: {
    'text-before-step': 'текст до первого шага (шаг начинается с номера, например «1. Здравствуйте…»).',
    'choice-before-step': 'ответ до первого шага.',
    'duplicate-step': 'номер шага повторяется.',
    'empty-step': 'шаг без текста.',
    'empty-choice': 'ответ без текста.',
    'bad-target': 'ответ должен вести к номеру шага или к «end» (например, «- Да -> 2»).',
    'unknown-target': 'ответ ведёт к несуществующему шагу.',
  },
};
