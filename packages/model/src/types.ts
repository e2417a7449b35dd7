// Record value types derived from the schema itself, so the declarations in collections.ts
// are the single source of truth for the TypeScript types too.
import type { COLLECTIONS, CollectionName } from './collections.ts';
import type { RecordId } from './ids.ts';
import type { Money } from './money.ts';

type ValueOf<F> = F extends { kind: 'text' | 'longtext' | 'email' | 'phone' | 'url' | 'currency' | 'date' }
  ? string
  : F extends { kind: 'integer' | 'number' | 'datetime' }
    ? number
    : F extends { kind: 'boolean' }
      ? boolean
      : F extends { kind: 'enum'; options: readonly (infer O)[] }
        ? O
        : F extends { kind: 'money' }
          ? Money
          : F extends { kind: 'ref'; to: infer T }
            ? T extends CollectionName
              ? RecordId<T>
              : RecordId
            : F extends { kind: 'map' }
              ? Record<string, string | number | boolean>
              : F extends { kind: 'lines'; line: infer L }
                ? ({ id?: string } & { [K in keyof L]?: ValueOf<L[K]> })[]
                : never;

type Fields<C extends CollectionName> = (typeof COLLECTIONS)[C]['fields'];

/** The values of a record of collection C; every field optional (a patch or a read). */
export type RecordValues<C extends CollectionName> = { -readonly [K in keyof Fields<C>]?: ValueOf<Fields<C>[K]> };

export type CrmRecord<C extends CollectionName> = RecordValues<C> & { readonly id: RecordId<C> };
