// Value lists of choice fields that the workspace's rules use as well as the schema, on their
// own so that the rules (loaded on first use) do not pull in the whole schema.
export const TICKET_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const TASK_KINDS = ['todo', 'call', 'visit', 'email', 'letter'] as const;
/** How a campaign reaches its customers; each may have a default cost per contact. */
export const CAMPAIGN_CHANNELS = ['telemarketing', 'field_visit', 'direct_mail', 'email', 'event', 'web'] as const;
