// Prints about --rate lines per second for --seconds seconds, in 10 ms batches: a module that
// keeps its log stream busy while something else is measured.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
  },
});
const perBatch = Math.max(1, Math.round(Number(values.rate) / 100));
const end = Date.now() + Number(values.seconds) * 1000;
let n = 0;
const timer = setInterval(() => {
  let out = '';
  for (let i = 0; i < perBatch; i++) out += `chatter ${++n} working on item ${n % 997}\n`;
  process.stdout.write(out);
  if (Date.now() >= end) clearInterval(timer);
}, 10);
