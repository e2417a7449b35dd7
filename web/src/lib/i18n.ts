// Every string the UI shows, in one place. English only for now; a second locale is one more
// object of type `Messages` in `CATALOGUES` (the compiler then lists every missing string).
// Field and collection labels come from the schema in @counterpart/model.

const en = {
  loading: 'Loading…',
  close: 'Close',
  cancel: 'Cancel',
  create: 'Create',
  delete: 'Delete',
  undo: 'Undo',
  reload: 'Reload',
  dismiss: 'Dismiss',
  saved: 'Saved',
  saving: 'Saving…',
  yes: 'Yes',
  no: 'No',
  none: '—',

  // First run and workspaces
  welcomeTitle: 'Welcome to Counterpart',
  welcomeText: 'Everything you enter stays on this device and works offline. Start with an empty workspace or explore a generated demo company.',
  startEmpty: 'Start an empty workspace',
  workspaceName: 'Workspace name',
  defaultWorkspaceName: 'My workspace',
  loadDemo: 'Load the demo workspace',
  demoSize: 'Demo size',
  demoSizeS: 'Small — 500 accounts, about 28,000 records in all',
  demoSizeM: 'Medium — 5,000 accounts, about 276,000 records (benchmark size; takes minutes)',
  demoName: (size: string) => `Demo (${size.toUpperCase()})`,
  demoLoading: 'Loading the demo workspace',
  demoProgress: (done: string, total: string) => `${done} of ${total} records`,
  demoElapsed: (seconds: string) => `${seconds} s elapsed`,
  demoLoaded: (count: string, seconds: string) => `Demo workspace loaded: ${count} records in ${seconds} s`,
  demoFailed: (msg: string) => `The demo could not be loaded: ${msg}`,
  workspaces: 'Workspaces',
  currentWorkspace: (name: string) => `Workspace: ${name}`,
  deleteWorkspace: 'Delete this workspace…',
  confirmDeleteWorkspace: (name: string) =>
    `Delete the workspace “${name}” from this device? Everything in it that has not been synced elsewhere is lost.`,
  workspaceDeleted: (name: string) => `Workspace “${name}” deleted`,
  openingWorkspace: 'Opening workspace…',

  // Layout
  mainNav: 'Sections',
  moreSections: 'More',
  search: 'Search',
  searchPlaceholder: 'Search accounts and contacts',
  searchShortcut: 'Ctrl K',
  searchShortcutMac: '⌘K',
  searchResults: 'Search results',
  noResults: (q: string) => `Nothing matches “${q}”`,
  skipToContent: 'Skip to content',

  // Lists
  columnName: 'Name',
  recordCount: (n: number, formatted: string) => (n === 1 ? `${formatted} record` : `${formatted} records`),
  emptyList: (plural: string) => `No ${plural.toLowerCase()} yet.`,
  newRecord: (singular: string) => `New ${singular.toLowerCase()}`,
  listHint: 'Use ↑ and ↓ to move, Enter to open.',

  // Record page
  backTo: (plural: string) => `Back to ${plural.toLowerCase()}`,
  createdOn: (when: string) => `Created ${when}`,
  notFound: (singular: string) => `This ${singular.toLowerCase()} does not exist on this device.`,
  deleted: (singular: string) => `${singular} deleted`,
  restored: (singular: string) => `${singular} restored`,
  readOnlyViewer: 'You can view this workspace but not change it.',
  readOnlyNewer: 'This record was saved by a newer version of Counterpart. It is shown read-only so nothing in it is lost; update the app to edit it.',
  contactsOfAccount: 'Contacts',
  timeline: 'Timeline',
  timelineEmpty: 'No calls, meetings, notes, orders or tickets yet.',
  timelineOrder: (n: string) => `Order ${n}`,
  logCall: 'Log a call',
  logMeeting: 'Log a meeting',
  addNote: 'Add a note',
  dealsOfAccount: 'Deals',
  showMore: (n: number) => `Show more (${n} left)`,
  noContacts: 'No contacts at this account yet.',
  customFields: 'Custom fields',
  addCustomField: 'Add custom field',
  customFieldKey: 'Key',
  customFieldKeyHint: 'Lower-case letters, digits and _',
  customFieldLabel: 'Label',
  customFieldKind: 'Kind',
  customFieldOptions: 'Options (comma-separated)',
  customFieldAdded: (label: string) => `Custom field “${label}” added`,
  currency: 'Currency',
  lineProduct: 'Product',
  lineQuantity: 'Quantity',
  lineUnitPrice: 'Unit price',
  lineDiscount: 'Discount',
  lineTotal: 'Total',
  linesTotal: 'Total',
  linesTotalAfter: (pct: string) => `Total after ${pct} % discount`,
  noLines: 'No line items.',
  notAnAmount: 'is not an amount',

  // Sync
  syncLocal: 'This device only',
  syncLocalHint: 'Not connected to a relay: everything stays on this device.',
  syncConnecting: 'Connecting…',
  syncSyncing: 'Syncing…',
  syncOnline: 'Online',
  syncOffline: 'Offline',
  syncPaused: 'Paused',
  syncRefused: 'Access refused',
  syncUnsent: (n: number) => (n === 1 ? '1 unsent change' : `${n} unsent changes`),
  syncLastSynced: (when: string) => `Last synced ${when}`,
  syncNever: 'Not synced yet',
  syncTitle: 'Sync',
  syncRole: (role: string) => `Your role: ${role}`,
  syncPause: 'Work offline',
  syncResume: 'Go online',
  syncConnect: 'Connect to a relay…',
  syncDisconnect: 'Disconnect from the relay',
  relayUrl: 'Relay address',
  relayToken: 'Access token',
  relayTokenHint: (workspaceId: string) =>
    `An owner token for this workspace, printed on the relay machine by: npx counterpart-relay token --workspace ${workspaceId} --role owner`,
  relayConnect: 'Connect',
  relayConnected: (url: string) => `Connected to ${url}`,
  relayBadUrl: 'Enter the relay’s address, such as http://localhost:8080',
  relayBadToken: (msg: string) => `This is not a valid access token: ${msg}`,
  relayWrongWorkspace: (other: string) => `This token is for another workspace (${other}).`,
  invite: 'Invite someone…',
  inviteRole: 'Role',
  inviteExpiry: 'Link expires after',
  inviteCreate: 'Create invite link',
  inviteLink: 'Invite link',
  inviteCopy: 'Copy link',
  inviteCopied: 'Invite link copied',
  inviteRevoke: 'Revoke this link',
  inviteRevoked: 'Invite link revoked: devices that joined with it are disconnected',
  inviteHint: 'Anyone with this link can join the workspace with the role above until it expires.',
  inviteFailed: (msg: string) => `The invite could not be created: ${msg}`,
  days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
  joinTitle: 'Join a workspace',
  joinText: (role: string, relay: string) => `You were invited as ${role} to a workspace synced through ${relay}. Its data is downloaded to this device and kept up to date.`,
  joinName: 'Name for this workspace on this device',
  joinButton: 'Join',
  joinInvalid: (msg: string) => `This invite link is not valid: ${msg}`,
  joinDefaultName: 'Team workspace',
  roleOwner: 'owner',
  roleEditor: 'editor',
  roleViewer: 'viewer (read-only)',

  presenceOnline: (n: number) => (n === 1 ? '1 other person online' : `${n} other people online`),
  presenceViewing: (name: string) => `${name}: open their record`,
  presenceHere: 'Also here',
  presenceEditing: (name: string) => `${name} is editing`,
  yourName: 'Your name (shown to others)',

  // Pipeline
  pipeline: 'Pipeline',
  pipelineHint: 'Drag a card to another column, or use its “Move to” menu. Weighted totals count each deal at its probability.',
  pipelineReadOnly: 'You can view this pipeline; moving deals needs edit rights.',
  pipelineRep: 'Rep',
  pipelineAllReps: 'All reps',
  pipelineUnassigned: 'Unassigned',
  pipelineCount: (n: string) => `${n} deals`,
  pipelineTotal: (amount: string) => `Total ${amount}`,
  pipelineWeighted: (amount: string) => `Weighted ${amount}`,
  pipelineDropHere: 'Drop here',
  pipelineShowMore: (n: string) => `Show ${n} more`,
  pipelineEmpty: 'No deals yet.',
  pipelineMoveTo: 'Move to…',
  pipelineMoveLabel: (name: string) => `Move ${name} to`,
  pipelineDragHandle: (name: string) => `Drag ${name}`,
  pipelineNoClose: 'No close date',
  pipelineMoved: (name: string, stage: string) => `${name} moved to ${stage}`,
  pipelineLostTitle: (name: string) => `Mark ${name} as lost`,
  pipelineLostReason: 'Lost reason',
  pipelineMarkLost: 'Mark as lost',
  pipelineRepSummary: 'Forecast by rep',
  pipelineOpenTotal: 'Open total',
  pipelineWeightedForecast: 'Weighted forecast',
  pipelineWonQuarter: 'Won this quarter',

  // My day (tasks and agenda)
  agenda: 'My day',
  agendaMember: 'Whose day',
  agendaEveryone: 'Everyone',
  agendaUnassigned: 'Unassigned',
  agendaYou: (name: string) => `${name} (you)`,
  agendaOpenTasks: (n: number, formatted: string) => (n === 1 ? '1 open task' : `${formatted} open tasks`),
  agendaReadOnly: 'You can view this day plan; ticking off, assigning and adding tasks needs edit rights.',
  agendaOverdue: 'Overdue',
  agendaToday: 'Today',
  agendaUpcoming: 'Next 7 days',
  agendaNothingOverdue: 'Nothing overdue.',
  agendaNothingToday: 'Nothing due today.',
  agendaNothingUpcoming: 'Nothing planned for the next 7 days.',
  agendaLate: (when: string) => `${when}, late`,
  agendaShowMore: (n: string) => `Show ${n} more`,
  agendaComplete: (title: string) => `Done: ${title}`,
  agendaTaskDone: (title: string) => `Done: ${title}`,
  agendaTaskReopened: (title: string) => `Not done yet: ${title}`,
  agendaAssignTo: (title: string) => `Assign “${title}” to`,
  agendaAssigned: (title: string, name: string) => `${title}: assigned to ${name}`,
  agendaRep: (name: string) => `with ${name}`,
  agendaNewTask: 'New task',
  agendaTaskTitle: 'Task',
  agendaTaskTitlePlaceholder: 'Call back about the offer…',
  agendaDue: 'Due',
  agendaDueRequired: 'Due needs a day and a time',
  agendaAssignee: 'Assign to',
  agendaReminder: 'Reminder',
  agendaNoReminder: 'No reminder',
  agendaReminderBefore: (minutes: number) =>
    minutes === 0 ? 'At the due time'
      : minutes < 60 ? `${minutes} minutes before`
        : minutes === 60 ? '1 hour before'
          : minutes === 24 * 60 ? '1 day before'
            : `${Math.round(minutes / 60)} hours before`,
  agendaAccount: 'Account (optional)',
  agendaAccountPlaceholder: 'Type to search accounts',
  agendaNoSuchAccount: (name: string) => `No account is called “${name}”: pick one from the list, or leave it empty.`,
  agendaAdd: 'Add task',
  agendaAdded: (title: string) => `Task added: ${title}`,
  agendaNotifyAsk: 'Also notify me outside the app',
  agendaNotifyHint: 'Reminders show here while Counterpart is open; allow notifications to see them in other windows too.',
  agendaNotifyDenied: 'Notifications are blocked in this browser’s settings: reminders show inside the app only.',
  agendaOpen: 'Open My day',
  reminderNotice: (title: string, due: string) => (due ? `Reminder: ${title} (due ${due})` : `Reminder: ${title}`),
  reminderDue: (due: string) => `Due ${due}`,
  reminderOpen: 'Open',
  remindersDue: (n: number) => `${n} task reminders are due`,

  // Insights
  insights: 'Insights',
  insightsNav: 'Insights pages',
  insightsOverview: 'Overview',
  insightsQuestions: 'Questions',
  insightsComputing: 'Computing insights',
  stageReading: 'Reading orders and contacts',
  stageValue: 'Fitting purchase and spend models',
  stageSequences: 'Finding next-product patterns',
  stageQuestions: 'Answering the sales questions',
  stageChannels: 'Crediting orders to channels',
  /** RFM segment names (SPEC R3 of the analytics package), as shown. */
  segmentName: (segment: string) => segment,
  insightsFailed: (msg: string) => `Insights could not be computed: ${msg}`,
  insightsEmpty: 'No orders yet. Insights appear here once the workspace has orders: customer segments, lifetime value, whom to win back and what customers buy next.',
  insightsAsOf: (date: string, orders: string, customers: string) => `As of ${date}: ${orders} orders from ${customers} customers.`,
  insightsOtherCurrency: (n: string, currency: string) => `${n} orders in other currencies than ${currency} are left out.`,
  insightsUpdating: 'Updating…',
  segmentsTitle: 'Customer segments',
  segmentsHint: 'RFM segments by recency, frequency and spend: customers in each and what they have spent.',
  segmentColumn: 'Segment',
  customersColumn: 'Customers',
  valueColumn: 'Spent so far',
  clvColumn: 'Expected value (12 months)',
  segmentBar: (segment: string, customers: string, value: string) => `${segment}: ${customers} customers, ${value} spent`,
  clvTitle: 'Customer lifetime value',
  clvHint: (months: number, discount: string) =>
    `Expected value of each customer's purchases over the next ${months} months (BG/NBD and Gamma-Gamma, ${discount} monthly discount).`,
  clvSummary: (total: string, median: string) => `Total ${total}; half of the customers are worth more than ${median}.`,
  clvRange: (from: string, to: string) => `${from} – ${to}`,
  clvBucketBar: (range: string, customers: string) => `${range}: ${customers} customers`,
  clvRangeColumn: 'Expected value',
  winBackTitle: 'Win back',
  winBackHint: 'Valuable customers who have probably lapsed or are at risk, most value at stake first.',
  winBackMore: (shown: string, total: string) => `Showing ${shown} of ${total}.`,
  winBackNone: 'No valuable customer is at risk right now.',
  accountColumn: 'Account',
  pAliveColumn: 'Still active',
  lastOrderColumn: 'Last order',
  atStakeColumn: 'At stake',
  rulesTitle: 'What customers buy next',
  rulesHint: 'After an order with the first product, the next order often has the second.',
  rulesNone: 'No product leads to another often enough yet.',
  fromProductColumn: 'After',
  toProductColumn: 'Next order has',
  countColumn: 'Times',
  confidenceColumn: 'How often',
  liftColumn: 'Lift',
  channelsTitle: 'Channel return',
  channelsHint: 'Each order is credited to the customer’s latest contact up to 30 days before it.',
  channelColumn: 'Channel',
  contactsColumn: 'Contacts',
  costColumn: 'Cost',
  ordersColumn: 'Orders',
  revenueColumn: 'Revenue',
  roiColumn: 'Return on cost',
  channelsNone: 'No contacts recorded yet.',
  exchangeRate: (sales: string, cost: string) => `Exchange rate: 1 ${sales} in ${cost}`,
  exchangeRateHint: (sales: string, cost: string) => `Sales are in ${sales} and contact costs in ${cost}: enter a rate to compare them.`,
  showMoreRows: 'Show more',

  // Questions
  questionsTitle: 'Questions',
  mixTitle: 'What does each customer usually buy in a month?',
  mixHint: 'Products bought in at least one month in ten since the customer’s first order; share of months and amount per month.',
  mixFilter: 'Filter by account',
  mixNone: 'No customer buys anything regularly yet.',
  sequenceTitle: 'What do customers buy next?',
  sequenceFilter: 'After buying',
  sequenceAny: 'Any product',
  contactedTitle: 'Who was contacted but did not order?',
  contactedHint: 'Customers with a call, meeting or e-mail in the period and no order in it.',
  periodFrom: 'From',
  periodTo: 'To',
  contactedNone: 'Everyone contacted in this period also ordered in it.',
  lastContactColumn: 'Last contact',
  lastOrderBeforeColumn: 'Last order before',
  notifyTitle: 'Whom to tell about a new product?',
  notifyHint: 'Customers who buy in its category or whose last order usually leads to it, weighted by how likely they are still active.',
  notifyProduct: 'Product',
  notifyNone: 'No customer is a likely buyer of this product yet.',
  propensityColumn: 'Likelihood',
  reasonColumn: 'Why',
  reasonCategory: 'buys in its category',
  reasonSequence: 'last order leads to it',
  answerMore: (shown: string, total: string) => `Showing the first ${shown} of ${total}.`,

  // The account's insight card
  accountInsightTitle: 'Customer value',
  accountInsightSegment: 'Segment',
  accountInsightPAlive: 'Still active',
  accountInsightExpected: 'Expected orders (12 months)',
  accountInsightClv: 'Expected value (12 months)',
  accountInsightNoOrders: 'No orders yet: there is nothing to forecast from.',
  accountInsightExplain: (segment: string, purchases: string, last: string, alive: string, expected: string, clv: string) =>
    `${segment}: bought on ${purchases} days, the last on ${last}. A ${alive} chance they still buy; expect about ${expected} orders worth ${clv} in the next 12 months.`,
  accountInsightMore: 'See all insights',

  // Errors and notices
  somethingWentWrong: (msg: string) => `Something went wrong: ${msg}`,
  outOfStorage: 'This device is out of storage space. Your last change is kept in memory but not saved; free some space and it is saved with the next change.',
  setAside: (n: number) =>
    n === 1 ? '1 record could not be read and was set aside.' : `${n} records could not be read and were set aside.`,
  updateAvailable: 'A new version of Counterpart is available.',
  offlineReady: 'Counterpart is ready to work offline.',
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : T[K] };
export type Messages = Widen<typeof en>;

const CATALOGUES: Readonly<Record<string, Messages>> = { en };

/** Readable labels for enum values whose generic form ("pos" → "Pos") would read badly. */
const OPTION_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: { pos: 'POS', web_form: 'Web form', in_person: 'In person', decision_maker: 'Decision maker' },
};

function pickLocale(): string {
  const wanted = typeof navigator === 'undefined' ? ['en'] : navigator.languages;
  for (const tag of wanted) {
    const base = tag.split('-')[0] ?? '';
    if (CATALOGUES[base]) return base;
  }
  return 'en';
}

/** Language of the UI strings. */
export const uiLocale = pickLocale();
/** Locale for numbers, dates and money: the user's own regional formats. */
export const formatLocale = typeof navigator === 'undefined' ? 'en' : (navigator.language || 'en');

export const t: Messages = CATALOGUES[uiLocale] ?? en;

/** "decision_maker" → "Decision maker". */
export function optionLabel(value: string): string {
  const override = OPTION_LABELS[uiLocale]?.[value];
  if (override) return override;
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
