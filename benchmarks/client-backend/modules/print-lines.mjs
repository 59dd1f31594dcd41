// Prints --count numbered lines to stdout as fast as the pipe takes them, in 64 KiB writes,
// then a progress line; each line is "<prefix> <n> <padding>" so readers can check order.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    prefix: { type: 'string', default: 'line' },
  },
});
const count = Number(values.count);
const padding = 'x'.repeat(40);
let out = '';
const flush = () =>
  new Promise((resolve) => {
    if (process.stdout.write(out)) resolve();
    else process.stdout.once('drain', resolve);
    out = '';
  });
for (let i = 1; i <= count; i++) {
  out += `${values.prefix} ${i} ${padding}\n`;
  if (out.length >= 65536) await flush();
}
await flush();
process.stderr.write(`::progress processed=${count} total=${count}\n`);
