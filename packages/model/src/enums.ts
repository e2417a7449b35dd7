// Value lists of choice fields that the workspace's rules use as well as the schema, on their
// own so that the rules (loaded on first use) do not pull in the whole schema.
export const TICKET_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const TASK_KINDS = ['todo', 'call', 'visit', 'email', 'letter'] as const;
