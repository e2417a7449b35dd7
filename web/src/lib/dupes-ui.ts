// The duplicates screen and the note on a merged record's page, in one lazily loaded module:
// the Shell and the record page load it on first use, and share the chunk.
export { default as DuplicatesView } from '../components/DuplicatesView.svelte';
export { default as MergedNote } from '../components/MergedNote.svelte';
