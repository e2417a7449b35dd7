// Builds the Counterpart PWA. The service worker precaches the whole app shell (including the
// demo worker chunk) so the app opens and works with no network at all.
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Names the build in index.html (`<meta name="counterpart-build">`): a deploy sets
 * COUNTERPART_BUILD_ID (a commit, a release), so which version a device or a relay has is one
 * look away, and two deploys of the same sources still differ for the service worker.
 */
function buildId(): Plugin {
  return {
    name: 'counterpart-build-id',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { name: 'counterpart-build', content: process.env.COUNTERPART_BUILD_ID ?? 'local' }, injectTo: 'head' },
    ],
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    buildId(),
    VitePWA({
      // 'prompt': a new version waits until the user chooses to reload, so an update never
      // interrupts someone typing in a record.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'apple-touch-icon.png', 'robots.txt'],
      manifest: {
        id: '/',
        name: 'Counterpart',
        short_name: 'Counterpart',
        description: 'Local-first CRM for sales and service teams. Works offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f7fa',
        theme_color: '#1f4e8c',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,txt,webmanifest}'],
        // The demo worker carries the data generator; it must be available offline too.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The relay's own pages (health, metrics, API, public web forms) stay the relay's when opened in a browser
        // that has the app installed.
        navigateFallbackDenylist: [/^\/(healthz|metrics)$/, /^\/api(\/|$)/, /^\/forms\//],
        cleanupOutdatedCaches: true,
        // The first visit is served by the worker as soon as it is installed, so views and
        // workers loaded later (pipeline, insights, the demo) come from the cache too and work
        // when the network drops before the next reload. An update still waits for the user.
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // The modules the first screen shares with views loaded later go into one chunk. Left to
    // itself the bundler splits them into a dozen small chunks once several later views use
    // them, and the first screen then loads 4 KB more gzip for the same code.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'shell', test: /web\/src\/lib\/(session\.svelte|sync\.svelte|perf|presence\.svelte|insights\.svelte|catalog)\.ts|RefLink\.svelte|comlink|y-protocols\/awareness|svelte\/src\/reactivity/ }],
        },
      },
    },
  },
});
