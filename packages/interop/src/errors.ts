// The one error this package throws: a file that cannot be read at all. Problems with single rows
// are not thrown; they are listed in the import plan with their line (see plan.ts).
export type InteropErrorReason = 'empty' | 'no-header' | 'malformed' | 'not-vcard' | 'not-icalendar' | 'too-large';

export class InteropError extends Error {
  constructor(
    readonly reason: InteropErrorReason,
    message: string,
    /** The line of the file the problem is on, when there is one. */
    readonly line?: number,
  ) {
    super(line !== undefined && !message.includes(`line ${line}`) ? `${message} (line ${line})` : message);
    this.name = 'InteropError';
  }
}
