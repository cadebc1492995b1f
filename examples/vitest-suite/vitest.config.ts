import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The first request of each vendor compiles its validators: seconds, not milliseconds, on a busy CI machine.
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
