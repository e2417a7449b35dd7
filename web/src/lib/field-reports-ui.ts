// The field report screens, loaded together on first use: a visit's meeting and expense report
// and the weekly report. One chunk rather than one per screen.
export { default as FieldReportPanel } from '../components/FieldReportPanel.svelte';
export { default as WeekReport } from '../components/WeekReport.svelte';
