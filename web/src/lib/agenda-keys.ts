// Where My day keeps this device's choices in localStorage, per workspace. Apart from the rest of
// the agenda code so that deleting a workspace can clear them without loading it.

/** The member whose day this device shows. */
export const memberKey = (workspaceId: string): string => `counterpart:agenda-member:${workspaceId}`;
/** The reminders this device has already shown. */
export const reminderLogKey = (workspaceId: string): string => `counterpart:reminders:${workspaceId}`;
