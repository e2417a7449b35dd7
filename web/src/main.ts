// Entry point: global error handling first, then the app, then the service worker (last, so it
// never competes with the first render).
import { mount } from 'svelte';
import { WorkspaceStore } from '@counterpart/store';
import App from './App.svelte';
import { appUpdate } from './lib/app-update.svelte.ts';
import { handleError, installGlobalErrorHandlers } from './lib/errors.ts';
import { workspaces } from './lib/workspaces.svelte.ts';
import { importLockName } from './workers/demo-protocol.ts';
import './app.css';

installGlobalErrorHandlers();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });

// A demo import cut short (its tab closed) left an incomplete workspace: remove it. One still
// running in another tab holds its lock and is left alone.
for (const w of workspaces.interrupted()) {
  navigator.locks
    .request(importLockName(w.id), { ifAvailable: true }, async (lock) => {
      if (!lock) return;
      workspaces.remove(w.id);
      await WorkspaceStore.destroy(w.id);
    })
    .catch(handleError);
}

if ('serviceWorker' in navigator && !import.meta.env.DEV) appUpdate.register();
