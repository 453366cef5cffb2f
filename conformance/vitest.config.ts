import { defineConfig } from 'vitest/config';

// `npm run conformance` (run.mjs) runs these; `npm test` does not (its config includes only src/ and test/).
export default defineConfig({
  test: {
    include: ['conformance/**/*.test.ts'],
    // The scenarios drive dist/cli/main.js: rebuild it first when src/ is newer (run.mjs's npm script builds anyway).
    globalSetup: ['test/helpers/fresh-dist.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
