// @counterpart/demo: a deterministic demo and benchmark workspace generator, and the ".cpw"
// workspace snapshot format it writes.
export { generateWorkspace, checkSeed, DEFAULT_SEED, type GenerateOptions, type GeneratedRecord } from './generate.ts';
export { SIZES, SIZE_NAMES, YIELD_ORDER, expectedCounts, totalRecords, idFor, isSize, type Size, type Counts } from './sizes.ts';
export { PLANTED_SEQUENCES, type PlantedSequence } from './gen/products.ts';
export { teamProfiles } from './gen/users.ts';
export { ACTIVITY_MIX } from './gen/activities.ts';
export { TICKET_SLA_HOURS } from './gen/tickets.ts';
export type { RepProfile } from './world.ts';
export { plantedDuplicates, duplicateCount, DUPLICATE_SHARE, type DuplicatePair } from './duplicates.ts';
export { SALES_CURRENCY, COST_CURRENCY } from './record.ts';
export { BUYING } from './buying.ts';
export { DEFAULT_END, makeWindow, type Window } from './calendar.ts';
export { Rng, AliasTable, deriveSeed } from './random.ts';
export {
  SNAPSHOT_MAGIC, SNAPSHOT_CLIENT_ID, SnapshotFormatError, SnapshotParser, demoHeader, encodeHeader, encodeSnapshot,
  readSnapshot, readSnapshotStream, recordFrame, recordFrames, snapshotBytes, writeSnapshot,
  type ByteSink, type Frame, type SnapshotHeader,
} from './snapshot.ts';
