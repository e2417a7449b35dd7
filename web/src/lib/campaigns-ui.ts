// Campaign tracking, the campaign and channel comparison and the rep scorecards, loaded together
// on first use: one chunk rather than one per screen.
export { default as CampaignPanel } from '../components/CampaignPanel.svelte';
export { default as CompareView } from '../components/CompareView.svelte';
export { default as ScorecardsView } from '../components/ScorecardsView.svelte';
