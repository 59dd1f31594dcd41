// A throwaway consumer project for the README examples, using this workspace's packages.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './readme-location.mjs';

/** A throwaway consumer project whose node_modules is this workspace's; the caller removes it. */
export function temporaryConsumer() {
  const dir = mkdtempSync(join(tmpdir(), 'prismq-readme-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"name":"readme-consumer","version":"1.0.0"}\n');
  return dir;
}
