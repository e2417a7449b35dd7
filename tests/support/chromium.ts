// The browser every end-to-end test and benchmark drives: Debian's Chromium, never a downloaded
// one, with the flags that keep a headless run quiet and reproducible on a CI machine.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
