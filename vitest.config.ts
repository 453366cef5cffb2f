import { configDefaults, defineConfig } from 'vitest/config';

// Two projects. `unit` (`npm run test:unit`, the fast local loop) needs nothing built and runs no CLI. `integration`
// runs the built CLI (dist/), the committed Action bundle, or the sandbox over many seeded runs; its globalSetup
// rebuilds dist/ first when src/ is newer, so running one of its files right after an edit tests that edit.
const UNIT_UNDER_TEST = ['test/fixtures/**/*.test.ts', 'test/helpers/**/*.test.ts'];
// Compares dist-action/ with a fresh esbuild bundle: slow, and fails between an edit of src/ and `npm run build:action`.
const BUNDLE = 'src/action/bundle.test.ts';

export default defineConfig({
  test: {
    // Integration tests start their own sandbox on a free loopback port; keep a few files in flight on 2 cores.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', ...UNIT_UNDER_TEST], exclude: [...configDefaults.exclude, BUNDLE] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', BUNDLE],
          exclude: [...configDefaults.exclude, ...UNIT_UNDER_TEST],
          globalSetup: ['test/helpers/fresh-dist.ts'],
        },
      },
    ],
  },
});
