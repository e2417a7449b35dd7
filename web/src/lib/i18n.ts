// Every string the UI shows, in one place. English is the source: `en` below holds every message,
// and each other locale is a `Catalogue` in `locales/` whose `messages` have the type `Messages`
// (the compiler lists every string it is missing). Catalogues other than English load before the
// first screen, and only when chosen, so they cost nothing to people who do not use them.
// Field and collection labels come from the schema in @counterpart/model, translated in labels.ts.
import type { InteropMessages } from './interop/messages.ts';
import type { SchemaLabels } from './labels.ts';

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
  language: 'Language',
  languageHint: 'The app reloads in the chosen language.',
  /** A field's label and a problem with its value, as the model words it ("is required"). */
  fieldIssue: (label: string, message: string) => `${label} ${message}`,

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
  weekReport: 'Weekly report',
  search: 'Search',
  searchPlaceholder: 'Search accounts and contacts',
  searchShortcut: 'Ctrl K',
  searchShortcutMac: '⌘K',
  searchResults: 'Search results',
  searchRecent: 'Recently opened',
  searchNoRecent: 'Records you open show up here.',
  noResults: (q: string) => `Nothing matches “${q}”`,
  skipToContent: 'Skip to content',

  // Lists
  columnName: 'Name',
  recordCount: (n: number, formatted: string) => (n === 1 ? `${formatted} record` : `${formatted} records`),
  emptyList: (plural: string) => `No ${plural.toLowerCase()} yet.`,
  newRecord: (singular: string) => `New ${singular.toLowerCase()}`,
  listHint: 'Use ↑ and ↓ to move, Enter to open.',
  filteredCount: (shown: string, total: string) => `${shown} of ${total}`,
  listReading: (done: string, total: string) => `Filtering… ${done} of ${total}`,
  listSorting: 'Sorting…',
  noMatches: 'No records match these filters',
  clearFilters: 'Clear filters',

  // List views: sort
  sortBy: (label: string) => `Sort by ${label}`,
  sortedAsc: 'ascending',
  sortedDesc: 'descending',
  sortHere: 'No index: sorted on this device, which takes a few seconds on very long lists',
  notSortable: 'This column cannot be sorted',

  // List views: filters
  filters: 'Filters',
  addFilter: 'Add filter',
  filterField: 'Field',
  filterOp: 'Condition',
  filterValue: 'Value',
  removeFilter: (label: string) => `Remove the filter on ${label}`,
  quickFilter: 'Filter this list',
  quickFilterPlaceholder: 'Filter…',
  pickRecord: 'Type to find a record',
  change: 'Change',
  clear: 'Clear',
  changeRef: (label: string) => `Change ${label}`,
  clearRef: (label: string) => `Clear ${label}`,
  pickedRecord: (title: string) => `Record: ${title}`,
  filterOpLabel: {
    contains: 'contains',
    eq: 'is',
    before: 'before',
    after: 'after',
    atLeast: 'at least',
    atMost: 'at most',
    isTrue: 'is yes',
    isFalse: 'is no',
    empty: 'is empty',
    notEmpty: 'is not empty',
  },
  filterBadOp: (label: string) => `This condition does not apply to ${label}`,
  filterNeedsValue: (label: string) => `${label}: enter a value to compare with`,
  filterNotNumber: (label: string, raw: string) => `${label}: “${raw}” is not a number`,
  filterNotDate: (label: string, raw: string) => `${label}: “${raw}” is not a date (YYYY-MM-DD)`,
  filterNotOption: (label: string, options: string) => `${label}: choose one of ${options}`,
  filterNotCurrency: (label: string, raw: string) => `${label}: “${raw}” is not a three-letter currency code`,
  filterUnknownField: (field: string) => `The field “${field}” no longer exists; this filter is ignored`,

  // List views: columns
  columns: 'Columns',
  columnsHint: 'Tick the columns to show; move them up or down to reorder.',
  moveColumnUp: (label: string) => `Move ${label} up`,
  moveColumnDown: (label: string) => `Move ${label} down`,
  defaultColumns: 'Default columns',

  // List views: saved views
  views: 'Views',
  allRecords: 'All records',
  viewChanged: 'changed',
  defaultViewMark: 'default',
  saveView: 'Save view…',
  saveChanges: (name: string) => `Save changes to “${name}”`,
  saveAsNew: 'Save as a new view…',
  renameView: 'Rename view…',
  deleteView: 'Delete view',
  makeDefaultView: 'Open this list with this view',
  unsetDefaultView: 'Open this list with all records',
  viewName: 'View name',
  viewSaveTitle: 'Save view',
  viewRenameTitle: 'Rename view',
  viewSaveHint: 'Saved with the workspace: everyone in the team sees it on every device.',
  save: 'Save',
  viewSaved: (name: string) => `View “${name}” saved`,
  viewDeleted: (name: string) => `View “${name}” deleted`,
  confirmDeleteView: (name: string) => `Delete the view “${name}” for everyone in the workspace?`,
  viewNameRequired: 'A view needs a name',
  viewNameTooLong: (max: number) => `A view name can be at most ${max} characters`,
  viewNameTaken: (name: string) => `There is already a view called “${name}”`,
  viewUnreadable: 'A saved view is not readable',
  viewNoId: 'A saved view has no id',
  viewUnusable: (name: string, why: string) => `Saved view “${name}” cannot be used: ${why}`,
  viewWhyNewer: 'it was saved by a newer version of Counterpart',
  viewWhySort: 'its order is not readable',
  viewWhyFilters: 'its filters are not readable',
  viewWhyColumns: 'its columns are not readable',

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
  lineActions: 'Line actions',
  lineQuantityOf: (n: number) => `Quantity, line ${n}`,
  lineUnitPriceOf: (n: number) => `Unit price, line ${n}`,
  lineDiscountOf: (n: number) => `Discount %, line ${n}`,
  lineRemoveOf: (n: number) => `Remove line ${n}`,
  lineQuantityInvalid: 'Quantity must be a number of 0 or more.',
  linePriceInvalid: (text: string) => `“${text}” is not a price.`,
  lineDiscountInvalid: 'Discount must be between 0 and 100 %.',
  lineAdd: 'Add a product',
  lineAddPlaceholder: 'Name or SKU',
  lineAddResults: 'Products found',
  lineAddNone: 'No product matches.',
  suggestTitle: 'Suggested for this order',
  suggestUsual: 'Usually buys',
  suggestNext: 'Customers buy next',
  suggestUsualItem: (orders: string, last: string) => `in ${orders} orders, last ${last}`,
  suggestNextItem: (share: string, after: string) => `${share} buy it after ${after}`,
  suggestAdd: 'Add',
  suggestAddLabel: (name: string) => `Add ${name} to the order`,
  suggestNoHistory: 'No earlier orders from this customer.',
  suggestNoRules: 'No next-product pattern for these products yet.',
  suggestWaiting: 'Working out what customers buy next…',
  notAnAmount: 'is not an amount',

  // Attachments
  attachments: 'Attachments',
  attachFile: 'Attach file',
  takePhoto: 'Take photo',
  attachmentsEmpty: 'No files yet. Attach proposals, contracts or photos; they open on this device even offline.',
  attaching: (n: number) => (n === 1 ? 'Saving 1 file…' : `Saving ${n} files…`),
  attached: (n: number) => (n === 1 ? '1 file attached' : `${n} files attached`),
  attachTooLarge: (name: string, limit: string) => `“${name}” is larger than ${limit} and was not attached.`,
  attachEmptyFile: (name: string) => `“${name}” is empty and was not attached.`,
  attachFailed: (name: string, why: string) => `“${name}” could not be attached: ${why}`,
  attachmentOn: (singular: string, title: string) => `On ${singular.toLowerCase()}: ${title}`,
  attachmentsRelated: (n: number) => `On this account's records (${n})`,
  attachmentOpen: 'Open',
  attachmentOpenLabel: (name: string) => `Open ${name}`,
  attachmentDownload: 'Download',
  attachmentDownloadLabel: (name: string) => `Download ${name}`,
  attachmentDelete: 'Delete',
  attachmentDeleteLabel: (name: string) => `Delete ${name}`,
  attachmentDeleted: (name: string) => `“${name}” deleted`,
  attachmentRestored: (name: string) => `“${name}” restored`,
  attachmentCaption: (name: string) => `Caption for ${name}`,
  attachmentCaptionPlaceholder: 'Add a caption',
  attachmentRetry: 'Try again',
  attachmentRetryLabel: (name: string) => `Try uploading ${name} again`,
  attachmentThumb: (name: string) => `Preview of ${name}`,
  blobOffline: 'Available offline',
  blobLocalOnly: 'On this device only',
  blobQueued: 'Waiting to upload',
  blobUploading: 'Uploading…',
  blobRefused: (why: string) => `Upload refused: ${why}`,
  blobRemote: 'Not downloaded yet',
  blobDownloading: 'Downloading…',
  blobNotOffline: 'Not available offline — connect to download it',
  blobMissing: 'Not on the relay yet — the device it was attached on has not uploaded it',
  blobUnreadable: (why: string) => `Cannot be downloaded: ${why}`,
  blobNotHere: 'Not on this device',
  popupBlocked: 'The browser blocked the new tab; use Download instead.',

  // Record history
  history: 'History',
  historyCount: (n: number) => (n === 1 ? '1 change' : `${n} changes`),
  historyEmpty: 'No changes since this record was created.',
  historySomeone: 'Someone',
  historyChanged: (who: string, field: string, from: string, to: string) => `${who} changed ${field} from ${from} to ${to}`,
  historySet: (who: string, field: string, to: string) => `${who} set ${field} to ${to}`,
  historyCleared: (who: string, field: string, from: string) => `${who} cleared ${field} (was ${from})`,
  historyEdited: (who: string, field: string) => `${who} changed ${field}`,
  historyCreated: (when: string) => `Created ${when}`,
  historyLines: (n: number) => (n === 1 ? '1 line' : `${n} lines`),
  historyAnswers: (n: number) => (n === 1 ? '1 answer' : `${n} answers`),
  historyRestore: 'Restore',
  historyRestoreLabel: (field: string, value: string) => `Restore ${field} to ${value}`,
  historyRestored: (field: string) => `${field} restored`,
  historyRestoreRefused: (field: string, why: string) => `${field} cannot be restored: ${why}`,
  justNow: 'just now',

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
  inviteRevoked: 'Invite link revoked: no one can join with it any more',
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

  // Members and "who are you"
  members: 'Members',
  membersCount: (n: number) => (n === 1 ? '1 member' : `${n} members`),
  membersEmpty: 'No members yet. Add the people of your team so that records can be assigned to them.',
  membersAdd: 'Add member',
  membersOwnerHint: 'As an owner you can change roles and deactivate members; it takes effect on their devices at once.',
  membersReadOnly: 'Only owners can change roles and deactivate members.',
  memberYou: 'you',
  memberOnline: 'Online now',
  memberInactive: 'Inactive',
  memberRoleOf: (name: string) => `Role of ${name}`,
  memberDeactivate: 'Deactivate',
  memberReactivate: 'Reactivate',
  memberDeactivateNamed: (name: string) => `Deactivate ${name}`,
  memberReactivateNamed: (name: string) => `Reactivate ${name}`,
  memberConfirmDeactivate: (name: string) => `Deactivate ${name}? Their devices lose access to the workspace at once; their records stay.`,
  memberDeactivated: (name: string) => `${name} was deactivated`,
  memberReactivated: (name: string) => `${name} is active again; send them a new invite link to give a device access`,
  memberRoleChanged: (name: string, role: string) => `${name} is now ${role}`,
  memberOwnAccess: 'You cannot lower your own access; another owner can.',
  memberChangeFailed: (msg: string) => `Nothing was changed: ${msg}`,
  relayUnreachable: 'The relay could not be reached. Check the connection and try again.',
  relayNotOwner: 'Only an owner of this workspace can do this.',
  relayNoAccess: 'The relay no longer accepts this device’s access.',
  invitesTitle: 'Invite links',
  invitesEmpty: 'No invite links have been created here yet.',
  invitesLocal: 'This workspace is on this device only. Connect it to a relay (the sync status in the header) to invite people.',
  invitesOwnerOnly: 'Only owners see and manage invite links.',
  invitesLoading: 'Loading invite links…',
  invitesRefresh: 'Refresh',
  invitesNew: 'New invite link…',
  inviteCreatedOn: (date: string) => `Created ${date}`,
  inviteExpiresOn: (date: string) => `expires ${date}`,
  inviteExpiredOn: (date: string) => `expired ${date}`,
  inviteNoExpiry: 'never expires',
  inviteStatusActive: 'Active',
  inviteStatusExpired: 'Expired',
  inviteStatusRevoked: 'Revoked',
  inviteJoinedBy: (names: string) => `Joined with it: ${names}`,
  inviteNobodyJoined: 'Nobody has joined with it yet',
  inviteRevokeNamed: (role: string, date: string) => `Revoke the ${role} link created ${date}`,
  whoTitle: 'Who are you?',
  whoText: 'Choose yourself so your team sees who is online and who changed what.',
  whoWaiting: 'Downloading the workspace…',
  whoChoose: (name: string) => `I am ${name}`,
  whoNew: 'I’m not on the list',
  whoNewName: 'Your name',
  whoCreate: 'Add me',
  whoSkip: 'Skip for now',
  whoViewerNew: 'Not on the list? Ask an owner to add you as a member.',
  whoEmpty: 'This workspace has no members yet.',
  whoFailed: (msg: string) => `That did not work: ${msg}`,
  whoFixed: (name: string) => `This device is signed in as ${name}.`,
  meButton: (name: string) => `You: ${name}`,
  meUnknown: 'Who are you?',

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
  overdue: 'Overdue',
  workspaceSettings: 'Workspace settings',
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
  catalog: 'Catalog',
  calls: 'Call lists',
  duplicates: 'Duplicates',
  compareNav: 'Campaigns and channels',
  scorecardsNav: 'Rep scorecards',
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
  segmentCampaign: 'New campaign',
  segmentCampaignColumn: 'Campaign',
  segmentCampaignLabel: (segment: string) => `New campaign aimed at ${segment}`,
  segmentCampaignName: (segment: string) => `${segment}: campaign`,
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
  updateLater: 'Later',
  updateActivating: 'Updating…',
  offlineReady: 'Counterpart is ready to work offline.',
  // Import and export (the screen's own strings are in interop/messages.ts, loaded with it)
  importExportMenu: 'Import and export…',
  importMenuItem: 'Import…',
  exportCsv: 'Export as CSV',
  exportVcf: 'Export as vCard',
  exportContactVcf: 'Download vCard',
  exportIcs: 'Export as calendar (.ics)',
  exportDone: (n: string) => `Exported: ${n} records`,
} as const;

type Widen<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: never[]) => unknown ? T[K] : Widen<T[K]>;
};
export type Messages = Widen<typeof en>;

/** Everything a locale provides: its messages, the names of enum values and the schema's labels. */
export interface Catalogue {
  readonly messages: Messages;
  /** Enum values as shown ("decision_maker" → "Decision maker"); others get the generic form. */
  readonly options: Readonly<Record<string, string>>;
  /** Collection and field labels; without them the schema's own (English) labels show. */
  readonly schema?: SchemaLabels;
  /** The model's validation messages ("must be a number") in this language. */
  readonly check?: (message: string) => string;
  /** The import and export screen's strings (English ones load with the screen). */
  readonly interop?: InteropMessages;
}

const EN: Catalogue = {
  messages: en,
  options: { pos: 'POS', web_form: 'Web form', in_person: 'In person', decision_maker: 'Decision maker' },
};

/** The languages of the UI, each named in itself. */
export const LANGUAGES = { en: 'English', ru: 'Русский' } as const;
export type Language = keyof typeof LANGUAGES;

const CATALOGUES: Readonly<Record<Language, () => Promise<Catalogue>>> = {
  en: () => Promise.resolve(EN),
  ru: () => import('./locales/ru.ts').then((m) => m.ru),
};

/** The language chosen on this device, remembered across sessions. */
const LANGUAGE_KEY = 'counterpart.language';

function isLanguage(tag: string): tag is Language {
  return Object.hasOwn(LANGUAGES, tag);
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null; // storage blocked: follow the browser
  }
}

/** The device's choice, else the first of the browser's languages the app speaks, else English. */
function pickLanguage(): Language {
  const chosen = storedLanguage();
  if (chosen && isLanguage(chosen)) return chosen;
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of wanted) {
    const base = tag.split('-')[0]?.toLowerCase() ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Language of the UI strings. */
export const uiLocale: Language = pickLanguage();

/**
 * Locale for numbers, dates and money: the browser's regional formats when they are of the UI's
 * language (en-GB keeps day-month order), else the UI language's own.
 */
export const formatLocale: string = (() => {
  const own = typeof navigator === 'undefined' ? '' : navigator.language;
  return own && own.split('-')[0]?.toLowerCase() === uiLocale ? own : uiLocale;
})();

/**
 * Remembers the language for this device and reloads: every string, date and number on screen
 * is then in the new language, including those already shown in toasts and page titles.
 */
export function chooseLanguage(language: Language): void {
  if (language === uiLocale) return;
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    return; // nowhere to remember it: stay in the current language rather than loop
  }
  location.reload();
}

// Loaded before any module that shows text runs: the whole UI then reads one settled catalogue.
// A catalogue that cannot load (a broken deploy) leaves the UI in English rather than blank.
export const catalogue: Catalogue = await CATALOGUES[uiLocale]().catch((err: unknown) => {
  console.warn('Language could not be loaded; using English', err);
  return EN;
});

if (typeof document !== 'undefined') document.documentElement.lang = uiLocale;

export const t: Messages = catalogue.messages;

/** "decision_maker" → "Decision maker". */
export function optionLabel(value: string): string {
  const named = catalogue.options[value];
  if (named) return named;
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
