// The sales and service workflow screens and the device's automation, loaded together after the
// first screen: one chunk rather than one per screen.
export { default as WorkflowPanel } from '../components/WorkflowPanel.svelte';
export { default as OverdueView } from '../components/OverdueView.svelte';
export { default as SettingsView } from '../components/SettingsView.svelte';
export { startAutomation } from './automation.ts';
