import { bench, do_not_optimize, group, summary } from 'mitata';
import {
  checkParameters,
  mergeWithDefaults,
  RunStore,
  withoutPasswords,
} from '@prismq/client-backend';
import { benchRegistry, TYPICAL_PARAMETERS } from './bench-modules.js';

// Module configuration as the config routes do it: check, strip passwords and save; load
// and merge over the declared defaults. SQLite in memory, so the disk does not set the pace.

const module = benchRegistry().get('instant')!;
const store = new RunStore(':memory:');
store.saveConfig('instant', { max_results: 50, mode: 'full' }, new Date().toISOString());
const request = { input: 'other.jsonl', max_results: 20 };

summary(() => {
  group('client-backend/config', () => {
    bench('client-backend/config/save', () => {
      const check = checkParameters(module, TYPICAL_PARAMETERS);
      if (!check.ok) throw new Error('bench parameters must be valid');
      store.saveConfig(
        'instant-save',
        withoutPasswords(module, check.values),
        '2026-01-01T00:00:00.000Z',
      );
    });
    bench('client-backend/config/load', () => {
      const saved = store.getConfig('instant');
      return do_not_optimize(mergeWithDefaults(module, saved?.parameters ?? {}));
    });
    bench('client-backend/config/merge-defaults', () =>
      do_not_optimize(mergeWithDefaults(module, { max_results: 50, mode: 'full' }, request)),
    );
  });
});
