import { defineConfig } from "@playwright/test";

// Browser tests run in Debian's Chromium (never a downloaded browser) against
// the release build in dist/, served by a tiny static server.
// ARCHBOOK_TEST_PORT lets a second checkout run its browser tests alongside.
const PORT = Number(process.env.ARCHBOOK_TEST_PORT ?? 8081);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/e2e/results",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node scripts/static-server.mjs dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
