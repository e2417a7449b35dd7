// Telemarketing (SPEC TM1–TM5), a separate entry (`@counterpart/model/telemarketing`): only the
// call screens use it, and through the main entry it would load with the app's first screen.
export * from './call-script.ts';
export * from './call-list.ts';
