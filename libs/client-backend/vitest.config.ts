import { configDefaults, defineConfig } from 'vitest/config';

// The queue tests start redis-server, several backend processes and dozens of modules; on a
// small machine they would starve the timing-sensitive browser tests, so they run as a group
// of their own after the others.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'client-backend',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/queue/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'queue',
          include: ['test/queue/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
