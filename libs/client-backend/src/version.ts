import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Version of this package, read from its package.json. */
export const PACKAGE_VERSION: string = (require('../package.json') as { version: string }).version;
