import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bot,server,flows,knowledge,test}/**/*.test.ts'],
    // Database suites create their own files and schemas; forks keep native modules isolated.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
