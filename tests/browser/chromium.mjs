// How the tests start Debian's Chromium: headless, and with nothing that reaches the network
// on its own (background updates, sync, first-run pages).
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
