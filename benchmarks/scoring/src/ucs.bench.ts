import { bench, do_not_optimize, group } from 'mitata';
import { universalContentScore } from '@prismq/scoring';
import { UCS_MINIMAL, UCS_TYPICAL } from './bench-inputs.js';

group('scoring/ucs', () => {
  bench('scoring/ucs/typical', () =>
    do_not_optimize(universalContentScore(UCS_TYPICAL).universalContentScore),
  );
  bench('scoring/ucs/minimal', () =>
    do_not_optimize(universalContentScore(UCS_MINIMAL).universalContentScore),
  );
  // The whole result object with every component metric, as a caller storing it would use it.
  bench('scoring/ucs/full', () => do_not_optimize(universalContentScore(UCS_TYPICAL)));
});
