// Every CRM collection, declared once. Storage (row indexes, search terms), validation,
// the record CRDT layout and the generic list and record views are all driven from here.
import type { FieldDef } from './fields.ts';
import type { CollectionName } from './names.ts';

export { COLLECTION_NAMES, isCollectionName, type CollectionName } from './names.ts';
import { CAMPAIGN_CHANNELS, TASK_KINDS, TICKET_SEVERITIES } from './enums.ts';

export { CAMPAIGN_CHANNELS, TASK_KINDS, TICKET_SEVERITIES } from './enums.ts';

export const ACCOUNT_KINDS = ['customer', 'prospect', 'supplier', 'partner', 'distributor', 'bank'] as const;
export const BUYING_ROLES = ['decision_maker', 'influencer', 'buyer', 'user', 'gatekeeper'] as const;
export const ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'email', 'letter', 'note'] as const;
export const ACTIVITY_OUTCOMES = [
  'completed', 'no_answer', 'call_back', 'interested', 'not_interested', 'order', 'left_message',
] as const;
export const CHANNELS = ['phone', 'in_person', 'email', 'mail', 'video', 'web', 'chat'] as const;
export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
/** A quote whose discount is above the workspace's threshold waits for an owner's decision. */
export const APPROVAL_STATES = ['requested', 'approved', 'declined'] as const;
export const ORDER_STATUSES = ['registered', 'confirmed', 'shipped', 'delivered', 'paid', 'cancelled'] as const;
export const ORDER_SOURCES = ['field', 'phone', 'web', 'pos', 'quote', 'import'] as const;
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export const LEAD_SOURCES = ['web_form', 'phone', 'email', 'referral', 'event', 'campaign', 'other'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'disqualified'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'done'] as const;
export const ROLES = ['owner', 'editor', 'viewer'] as const;

export interface CollectionDef {
  readonly label: string;
  readonly singular: string;
  /** Fields joined with a space to make the record's title in lists and search results. */
  readonly title: readonly string[];
  readonly fields: Readonly<Record<string, FieldDef>>;
}

const lineOf = {
  productId: { kind: 'ref', to: 'products', label: 'Product' },
  description: { kind: 'text', label: 'Description' },
  quantity: { kind: 'number', label: 'Quantity', min: 0, required: true },
  unitPrice: { kind: 'money', label: 'Unit price', required: true },
  discountPct: { kind: 'number', label: 'Discount %', min: 0, max: 100 },
} as const satisfies Record<string, FieldDef>;

export const COLLECTIONS = {
  accounts: {
    label: 'Accounts',
    singular: 'Account',
    title: ['name'],
    fields: {
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      kind: { kind: 'enum', label: 'Kind', options: ACCOUNT_KINDS, required: true, indexed: true },
      industry: { kind: 'text', label: 'Industry', indexed: true },
      email: { kind: 'email', label: 'E-mail', searchable: true },
      phone: { kind: 'phone', label: 'Phone', searchable: true },
      website: { kind: 'url', label: 'Website' },
      address: { kind: 'text', label: 'Address' },
      city: { kind: 'text', label: 'City', indexed: true, searchable: true },
      country: { kind: 'text', label: 'Country', max: 2 },
      territory: { kind: 'text', label: 'Territory', indexed: true },
      segment: { kind: 'text', label: 'Customer group', indexed: true },
      ownerId: { kind: 'ref', to: 'users', label: 'Owner', indexed: true },
      parentId: { kind: 'ref', to: 'accounts', label: 'Parent account', indexed: true },
      keyAccount: { kind: 'boolean', label: 'Key account' },
      accountPlan: { kind: 'longtext', label: 'Account plan' },
      notes: { kind: 'longtext', label: 'Notes' },
      /** Set when the account was merged into another one (SPEC R16): hidden from lists, kept. */
      mergedInto: { kind: 'ref', to: 'accounts', label: 'Merged into', indexed: true, system: true },
    },
  },
  contacts: {
    label: 'Contacts',
    singular: 'Contact',
    title: ['firstName', 'lastName'],
    fields: {
      firstName: { kind: 'text', label: 'First name', searchable: true },
      lastName: { kind: 'text', label: 'Last name', required: true, indexed: true, searchable: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', indexed: true },
      jobTitle: { kind: 'text', label: 'Job title', searchable: true },
      buyingRole: { kind: 'enum', label: 'Buying-centre role', options: BUYING_ROLES, indexed: true },
      email: { kind: 'email', label: 'E-mail', indexed: true, searchable: true },
      phone: { kind: 'phone', label: 'Phone', searchable: true },
      mobile: { kind: 'phone', label: 'Mobile', searchable: true },
      ownerId: { kind: 'ref', to: 'users', label: 'Owner', indexed: true },
      birthday: { kind: 'date', label: 'Birthday' },
      notes: { kind: 'longtext', label: 'Notes' },
      /** The UID of the vCard the contact came from or was exported as: a re-import updates it. */
      vcardUid: { kind: 'text', label: 'vCard UID', max: 500, indexed: true },
      /** Set when the contact was merged into another one (SPEC R16): hidden from lists, kept. */
      mergedInto: { kind: 'ref', to: 'contacts', label: 'Merged into', indexed: true, system: true },
    },
  },
  activities: {
    label: 'Activities',
    singular: 'Activity',
    title: ['type', 'subject'],
    fields: {
      type: { kind: 'enum', label: 'Type', options: ACTIVITY_TYPES, required: true, indexed: true },
      subject: { kind: 'text', label: 'Subject', searchable: true },
      at: { kind: 'datetime', label: 'When', required: true, indexed: true },
      direction: { kind: 'enum', label: 'Direction', options: ['inbound', 'outbound'] },
      channel: { kind: 'enum', label: 'Channel', options: CHANNELS, indexed: true },
      durationMin: { kind: 'integer', label: 'Duration (min)', min: 0, max: 100000 },
      cost: { kind: 'money', label: 'Cost' },
      outcome: { kind: 'enum', label: 'Outcome', options: ACTIVITY_OUTCOMES, indexed: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact', indexed: true },
      dealId: { kind: 'ref', to: 'deals', label: 'Deal', indexed: true },
      campaignId: { kind: 'ref', to: 'campaigns', label: 'Campaign', indexed: true },
      userId: { kind: 'ref', to: 'users', label: 'Rep', indexed: true },
      report: { kind: 'longtext', label: 'Meeting report' },
      /** The UID of the calendar event a meeting was imported from or exported as (iCalendar). */
      icalUid: { kind: 'text', label: 'Calendar UID', max: 500, indexed: true },
      expenses: {
        kind: 'lines',
        label: 'Expenses',
        line: {
          item: { kind: 'text', label: 'Item', required: true },
          amount: { kind: 'money', label: 'Amount', required: true, nonNegative: true },
          receiptId: { kind: 'ref', to: 'attachments', label: 'Receipt' },
        },
      },
      /** Who from the customer's buying centre took part in a meeting or visit (SPEC R15). */
      attendees: {
        kind: 'lines',
        label: 'Attendees',
        line: {
          contactId: { kind: 'ref', to: 'contacts', label: 'Contact', required: true },
        },
      },
      /** What was agreed to do next; a step may have become a task (SPEC R15). */
      nextSteps: {
        kind: 'lines',
        label: 'Next steps',
        line: {
          action: { kind: 'text', label: 'Next step', required: true },
          taskId: { kind: 'ref', to: 'tasks', label: 'Task' },
        },
      },
    },
  },
  deals: {
    label: 'Deals',
    singular: 'Deal',
    title: ['name'],
    fields: {
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact' },
      ownerId: { kind: 'ref', to: 'users', label: 'Owner', indexed: true },
      pipeline: { kind: 'text', label: 'Pipeline', indexed: true },
      stage: { kind: 'enum', label: 'Stage', options: DEAL_STAGES, required: true, indexed: true },
      amount: { kind: 'money', label: 'Amount' },
      probability: { kind: 'integer', label: 'Probability %', min: 0, max: 100 },
      expectedClose: { kind: 'date', label: 'Expected close', indexed: true },
      lostReason: { kind: 'text', label: 'Lost reason' },
      notes: { kind: 'longtext', label: 'Notes' },
    },
  },
  products: {
    label: 'Products',
    singular: 'Product',
    title: ['name'],
    fields: {
      sku: { kind: 'text', label: 'SKU', required: true, max: 64, indexed: true, searchable: true },
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      category: { kind: 'text', label: 'Category', indexed: true, searchable: true },
      price: { kind: 'money', label: 'Price' },
      unit: { kind: 'text', label: 'Unit', max: 20 },
      stock: { kind: 'integer', label: 'Stock on hand' },
      availableOn: { kind: 'date', label: 'Available from' },
      active: { kind: 'boolean', label: 'Active' },
      description: { kind: 'longtext', label: 'Description' },
    },
  },
  priceLists: {
    label: 'Price lists',
    singular: 'Price list',
    title: ['name'],
    fields: {
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      currency: { kind: 'currency', label: 'Currency', required: true },
      customerGroup: { kind: 'text', label: 'Customer group', indexed: true },
      validFrom: { kind: 'date', label: 'Valid from' },
      validTo: { kind: 'date', label: 'Valid to' },
      items: {
        kind: 'lines',
        label: 'Prices',
        line: {
          productId: { kind: 'ref', to: 'products', label: 'Product', required: true },
          price: { kind: 'money', label: 'Price', required: true },
          minQty: { kind: 'number', label: 'Minimum quantity', min: 0 },
        },
      },
    },
  },
  quotes: {
    label: 'Quotes',
    singular: 'Quote',
    title: ['number'],
    fields: {
      number: { kind: 'text', label: 'Number', required: true, indexed: true, searchable: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', required: true, indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact' },
      dealId: { kind: 'ref', to: 'deals', label: 'Deal', indexed: true },
      ownerId: { kind: 'ref', to: 'users', label: 'Owner', indexed: true },
      status: { kind: 'enum', label: 'Status', options: QUOTE_STATUSES, required: true, indexed: true },
      currency: { kind: 'currency', label: 'Currency', required: true },
      issuedOn: { kind: 'date', label: 'Issued', indexed: true },
      validUntil: { kind: 'date', label: 'Valid until' },
      discountPct: { kind: 'number', label: 'Discount %', min: 0, max: 100 },
      lines: { kind: 'lines', label: 'Lines', line: lineOf },
      terms: { kind: 'longtext', label: 'Terms' },
      approval: { kind: 'enum', label: 'Discount approval', options: APPROVAL_STATES, indexed: true },
      approvedPct: { kind: 'number', label: 'Approved discount %', min: 0, max: 100 },
      approvalBy: { kind: 'text', label: 'Approval decided by', max: 200 },
      approvalAt: { kind: 'datetime', label: 'Approval decided' },
      sentOn: { kind: 'date', label: 'Sent' },
      decidedOn: { kind: 'date', label: 'Accepted or rejected' },
      orderId: { kind: 'ref', to: 'orders', label: 'Order' },
    },
  },
  orders: {
    label: 'Orders',
    singular: 'Order',
    title: ['number'],
    fields: {
      number: { kind: 'text', label: 'Number', required: true, indexed: true, searchable: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', required: true, indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact' },
      quoteId: { kind: 'ref', to: 'quotes', label: 'Quote' },
      ownerId: { kind: 'ref', to: 'users', label: 'Rep', indexed: true },
      status: { kind: 'enum', label: 'Status', options: ORDER_STATUSES, required: true, indexed: true },
      source: { kind: 'enum', label: 'Source', options: ORDER_SOURCES },
      currency: { kind: 'currency', label: 'Currency', required: true },
      orderedOn: { kind: 'date', label: 'Ordered', required: true, indexed: true },
      discountPct: { kind: 'number', label: 'Discount %', min: 0, max: 100 },
      lines: { kind: 'lines', label: 'Lines', line: lineOf },
      externalId: { kind: 'text', label: 'External id', indexed: true },
      notes: { kind: 'longtext', label: 'Notes' },
      activityId: { kind: 'ref', to: 'activities', label: 'From the call' },
      confirmedOn: { kind: 'date', label: 'Confirmed' },
      shippedOn: { kind: 'date', label: 'Shipped' },
      deliveredOn: { kind: 'date', label: 'Delivered' },
      paidOn: { kind: 'date', label: 'Paid' },
      cancelledOn: { kind: 'date', label: 'Cancelled' },
    },
  },
  tasks: {
    label: 'Tasks',
    singular: 'Task',
    title: ['title'],
    fields: {
      title: { kind: 'text', label: 'Title', required: true, searchable: true },
      kind: { kind: 'enum', label: 'Kind', options: TASK_KINDS },
      dueAt: { kind: 'datetime', label: 'Due', indexed: true },
      remindAt: { kind: 'datetime', label: 'Reminder' },
      done: { kind: 'boolean', label: 'Done', indexed: true },
      assigneeId: { kind: 'ref', to: 'users', label: 'Assignee', indexed: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact' },
      dealId: { kind: 'ref', to: 'deals', label: 'Deal' },
      notes: { kind: 'longtext', label: 'Notes' },
      /** The telemarketing campaign whose next call this is (the call list shows it as due). */
      campaignId: { kind: 'ref', to: 'campaigns', label: 'Campaign', indexed: true },
      /** The UID of the calendar to-do a task was exported as (iCalendar). */
      icalUid: { kind: 'text', label: 'Calendar UID', max: 500, indexed: true },
    },
  },
  tickets: {
    label: 'Tickets',
    singular: 'Ticket',
    title: ['subject'],
    fields: {
      subject: { kind: 'text', label: 'Subject', required: true, searchable: true },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact' },
      orderId: { kind: 'ref', to: 'orders', label: 'Order' },
      ownerId: { kind: 'ref', to: 'users', label: 'Owner', indexed: true },
      severity: { kind: 'enum', label: 'Severity', options: TICKET_SEVERITIES, required: true, indexed: true },
      status: { kind: 'enum', label: 'Status', options: TICKET_STATUSES, required: true, indexed: true },
      openedAt: { kind: 'datetime', label: 'Opened', indexed: true },
      due: { kind: 'datetime', label: 'Due', indexed: true },
      description: { kind: 'longtext', label: 'Description' },
      resolution: { kind: 'longtext', label: 'Resolution' },
    },
  },
  leads: {
    label: 'Leads',
    singular: 'Lead',
    title: ['name', 'company'],
    fields: {
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      company: { kind: 'text', label: 'Company', searchable: true },
      email: { kind: 'email', label: 'E-mail', searchable: true },
      phone: { kind: 'phone', label: 'Phone', searchable: true },
      source: { kind: 'enum', label: 'Source', options: LEAD_SOURCES, indexed: true },
      campaignId: { kind: 'ref', to: 'campaigns', label: 'Campaign', indexed: true },
      status: { kind: 'enum', label: 'Status', options: LEAD_STATUSES, required: true, indexed: true },
      answers: { kind: 'map', label: 'Questionnaire answers' },
      score: { kind: 'integer', label: 'Score', min: 0, max: 100, indexed: true },
      assigneeId: { kind: 'ref', to: 'users', label: 'Assigned rep', indexed: true },
      territory: { kind: 'text', label: 'Territory' },
      productLine: { kind: 'text', label: 'Product line' },
      receivedAt: { kind: 'datetime', label: 'Received', required: true, indexed: true },
      firstResponseAt: { kind: 'datetime', label: 'First response' },
      message: { kind: 'longtext', label: 'Message' },
      accountId: { kind: 'ref', to: 'accounts', label: 'Account', indexed: true },
      contactId: { kind: 'ref', to: 'contacts', label: 'Contact' },
      dealId: { kind: 'ref', to: 'deals', label: 'Deal' },
    },
  },
  campaigns: {
    label: 'Campaigns',
    singular: 'Campaign',
    title: ['name'],
    fields: {
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      segment: { kind: 'text', label: 'Segment' },
      channel: { kind: 'enum', label: 'Channel', options: CAMPAIGN_CHANNELS, required: true, indexed: true },
      costPerContact: { kind: 'money', label: 'Cost per contact' },
      status: { kind: 'enum', label: 'Status', options: CAMPAIGN_STATUSES, indexed: true },
      startOn: { kind: 'date', label: 'Starts' },
      endOn: { kind: 'date', label: 'Ends' },
      script: { kind: 'longtext', label: 'Call script' },
      description: { kind: 'longtext', label: 'Description' },
    },
  },
  attachments: {
    label: 'Attachments',
    singular: 'Attachment',
    title: ['name'],
    fields: {
      name: { kind: 'text', label: 'File name', required: true, searchable: true },
      mimeType: { kind: 'text', label: 'Type', required: true, max: 200 },
      size: { kind: 'integer', label: 'Size (bytes)', min: 0, required: true },
      sha256: { kind: 'text', label: 'SHA-256', required: true, max: 64, indexed: true },
      parentId: { kind: 'ref', to: 'any', label: 'Attached to', indexed: true },
      caption: { kind: 'text', label: 'Caption' },
    },
  },
  users: {
    label: 'Members',
    singular: 'Member',
    title: ['name'],
    fields: {
      name: { kind: 'text', label: 'Name', required: true, indexed: true, searchable: true },
      email: { kind: 'email', label: 'E-mail', indexed: true, searchable: true },
      role: { kind: 'enum', label: 'Role', options: ROLES, required: true },
      title: { kind: 'text', label: 'Title' },
      territory: { kind: 'text', label: 'Territory', indexed: true },
      color: { kind: 'text', label: 'Colour', max: 7 },
      active: { kind: 'boolean', label: 'Active' },
    },
  },
} as const satisfies Record<CollectionName, CollectionDef>;

export function collection(name: CollectionName): CollectionDef {
  return COLLECTIONS[name];
}
