// prismq-score and prismq-classify from the installed packages, as a user runs them on a file.
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { capture, userEnv } from './shell.mjs';

// Records of a few hundred bytes, so that a CLI keeping what it read (or wrote) would grow by
// far more than the limit between the two runs of the memory check.
const STORY = (i) =>
  `The plan was simple. Day ${i} went wrong in a new way, and the story is worth telling. ` +
  `I packed a bag, left the flat and took the first train south. By noon the rain had come, ` +
  `the bag was soaked and the map had no town of that name. Here is what I learned on day ${i}.`;

/** A valid input record of each CLI, varied by its index. */
const RECORDS = {
  'prismq-score': (i) => ({
    title: `Idea ${i}: I quit my job to travel`,
    description: `What happened on day ${i % 97}`,
    textContent: STORY(i),
  }),
  'prismq-classify': (i) => ({
    title: `vlog ${i}: a day in my life`,
    description: STORY(i),
    tags: ['vlog', i % 2 === 0 ? 'travel' : 'storytime'],
  }),
};
const BAD_LINE = '{"title": "cut off';
// The records of the memory check: the larger input is four times the smaller; RSS may grow by
// at most this much between them (a CLI that keeps records would grow by far more).
const SMALL = 50_000;
const LARGE = 200_000;
const RSS_GROWTH_LIMIT_KB = 30 * 1024;

function bin(consumer, name) {
  return join(consumer, 'node_modules', '.bin', name);
}

export function checkVersion(consumer, name, version) {
  const { status, stdout, stderr } = capture(
    bin(consumer, name),
    ['--version'],
    consumer,
    userEnv(),
  );
  if (status !== 0) throw new Error(`${name} --version exited with ${status}:\n${stderr}`);
  if (!stdout.split(/\s+/).includes(version))
    throw new Error(
      `${name} --version printed "${stdout.trim()}", not the package version ${version}`,
    );
}

/** Good lines around one bad one: the good come out in order, the bad is named, exit 0. */
export function checkBadLineSkipped(consumer, name, dir) {
  const good = [1, 2, 4, 5];
  const input = join(dir, `${name}-with-bad-line.jsonl`);
  writeFileSync(
    input,
    [1, 2, 3, 4, 5].map((n) => (n === 3 ? BAD_LINE : JSON.stringify(RECORDS[name](n)))).join('\n') +
      '\n',
  );
  const { status, stdout, stderr } = capture(
    bin(consumer, name),
    ['--input', input],
    consumer,
    userEnv(),
  );
  if (status !== 0)
    throw new Error(
      `${name} --input <file with a bad line 3> exited with ${status}, not 0:\n${stderr}`,
    );
  const lines = stdout
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text).line);
  if (JSON.stringify(lines) !== JSON.stringify(good))
    throw new Error(
      `${name} wrote the lines ${JSON.stringify(lines)}, not ${JSON.stringify(good)}`,
    );
  if (!new RegExp(`^${name}: warning: line 3: `, 'm').test(stderr))
    throw new Error(
      `${name} did not name line 3 on stderr as "${name}: warning: line 3: …":\n${stderr}`,
    );
}

function writeRecords(file, name, count) {
  const fd = openSync(file, 'w');
  try {
    const chunk = 10_000;
    for (let start = 1; start <= count; start += chunk) {
      let text = '';
      for (let i = start; i < start + chunk && i <= count; i++)
        text += `${JSON.stringify(RECORDS[name](i))}\n`;
      writeFileSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

// V8 grows its young generation (two semi-spaces of up to 16 MB each) while allocation goes on,
// so a run of 50,000 records can end before it is full grown and a longer run then looks up to
// ~35 MB bigger without holding a record more. Both runs start it at full size, so that the
// difference is memory the CLI keeps.
const NODE_FLAGS = ['--min-semi-space-size=16'];

/**
 * Peak RSS in KiB of `name --input file` with stdout discarded: GNU time's %M where it is
 * installed, else Node's own maxRSS reported by a preloaded module at exit.
 */
function peakRss(consumer, name, file, dir) {
  const rssFile = join(dir, `${name}.rss`);
  const script = realpathSync(bin(consumer, name));
  const devNull = openSync('/dev/null', 'w');
  try {
    const options = { stdio: ['ignore', devNull, 'pipe'] };
    let result;
    if (existsSync('/usr/bin/time')) {
      result = capture(
        '/usr/bin/time',
        ['-f', '%M', '-o', rssFile, process.execPath, ...NODE_FLAGS, script, '--input', file],
        consumer,
        userEnv(),
        options,
      );
    } else {
      const preload = join(dir, 'max-rss.cjs');
      writeFileSync(
        preload,
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
      );
      result = capture(
        process.execPath,
        [...NODE_FLAGS, '--require', preload, script, '--input', file],
        consumer,
        userEnv(),
        options,
      );
    }
    if (result.status !== 0)
      throw new Error(
        `${name} --input <${file}> exited with ${result.status}:\n${result.stderr.slice(-2000)}`,
      );
  } finally {
    closeSync(devNull);
  }
  const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
  if (!Number.isFinite(kib) || kib <= 0) throw new Error(`no peak RSS measured for ${name}`);
  return kib;
}

/** Peak RSS on LARGE records stays within RSS_GROWTH_LIMIT_KB of that on SMALL records. */
export function checkFlatMemory(consumer, name, dir) {
  const small = join(dir, `${name}-${SMALL}.jsonl`);
  const large = join(dir, `${name}-${LARGE}.jsonl`);
  writeRecords(small, name, SMALL);
  writeRecords(large, name, LARGE);
  let smallKib;
  let largeKib;
  try {
    smallKib = peakRss(consumer, name, small, dir);
    largeKib = peakRss(consumer, name, large, dir);
  } finally {
    rmSync(small, { force: true });
    rmSync(large, { force: true });
  }
  const figures = `peak RSS ${(smallKib / 1024).toFixed(1)} MB on ${SMALL.toLocaleString('en')} records, ${(largeKib / 1024).toFixed(1)} MB on ${LARGE.toLocaleString('en')}`;
  if (largeKib - smallKib > RSS_GROWTH_LIMIT_KB)
    throw new Error(
      `${name}: memory grows with the input: ${figures} (limit +${RSS_GROWTH_LIMIT_KB / 1024} MB)`,
    );
  return `${name}: ${figures}`;
}
