// The workspace's sales and service rules as the store applies them on write (SPEC S14). Loaded
// on first use: most writes are to collections without rules, and the app's first screen does
// not need them.
export { deriveValues, parseSalesSetting, salesSettingsFrom } from '@counterpart/model';
