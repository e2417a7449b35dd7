/** Names compared as people read them: case, spacing and punctuation ignored. */
export function nameKey(name: unknown): string {
  return typeof name === 'string' ? name.toLowerCase().normalize('NFKC').replace(/[\s.,'"]+/g, ' ').trim() : '';
}
