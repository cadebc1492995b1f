import { defineConfig } from 'vitest/config';

// Its own config, so the suite one folder up (test/**) does not claim this folder.
export default defineConfig({
  test: { include: ['*.test.ts'] },
});
