import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedHostNames, hostName, isLoopbackName } from '../src/http/plugins/host-allowlist.js';
import { confinePath } from '../src/runs/path-parameter.js';
import { makeDataDir, removeDataDir } from './test-server.js';

describe('Host header names', () => {
  it.each([
    ['LOCALHOST:8000', 'localhost'],
    ['localhost.', 'localhost'],
    ['[::1]:8000', '::1'],
    ['::1', '::1'],
    ['127.0.0.1', '127.0.0.1'],
    ['example.com:80', 'example.com'],
  ])('%s is %s', (header, name) => expect(hostName(header)).toBe(name));

  it('knows the loopback names and nothing that merely starts like one', () => {
    for (const name of ['localhost', '127.0.0.1', '127.8.9.10:80', '[::1]:1'])
      expect(isLoopbackName(name), name).toBe(true);
    for (const name of [
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '0.0.0.0',
      '10.0.0.1',
      '0x7f.1',
    ])
      expect(isLoopbackName(name), name).toBe(false);
  });

  it('adds the bound address unless it is a wildcard', () => {
    expect(allowedHostNames('192.168.1.5', [])).toContain('192.168.1.5');
    expect(allowedHostNames('0.0.0.0', [])).not.toContain('0.0.0.0');
    expect(allowedHostNames('::', ['Panel.Internal:443'])).toContain('panel.internal');
  });
});

describe('confinePath', () => {
  const dir = makeDataDir();
  const root = path.join(dir, 'root');
  mkdirSync(path.join(root, 'sub'), { recursive: true });
  writeFileSync(path.join(root, 'sub', 'file.txt'), 'x');
  writeFileSync(path.join(dir, 'outside.txt'), 'x');
  symlinkSync(path.join(dir, 'outside.txt'), path.join(root, 'escape'));
  symlinkSync(path.join(root, 'sub'), path.join(dir, 'into-root'));
  afterAll(() => removeDataDir(dir));

  it('keeps paths inside the root, links resolved', () => {
    expect(confinePath('sub/file.txt', root, [root])).toBe(path.join(root, 'sub', 'file.txt'));
    expect(confinePath('sub/../sub/new.txt', root, [root])).toBe(path.join(root, 'sub', 'new.txt'));
    expect(confinePath(path.join(dir, 'into-root', 'file.txt'), root, [root])).toBe(
      path.join(root, 'sub', 'file.txt'),
    );
    for (const value of [
      '../outside.txt',
      'escape',
      '/etc/passwd',
      'sub/\u0000x',
      `${root}-sibling/x`,
    ])
      expect(confinePath(value, root, [root]), value).toBeUndefined();
  });
});
