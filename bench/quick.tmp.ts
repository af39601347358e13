import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seed, startShipped, treeCpuMicros } from './server-targets.js';
const root = process.env.ROOT ?? '/work/wt-server';
const dir = mkdtempSync(join(tmpdir(), 'q-'));
async function main() {
const { apiKey } = await seed(root, { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') }, 2000);
const variants = (process.env.VARIANTS ?? 'on|off').split('|');
const targets = [];
for (const v of variants) targets.push({ v, t: await startShipped(root, ['--data', dir, ...(v === 'default' ? [] : v.split(' '))], {}, join(dir, 'log')) });
for (let round = 0; round < 3; round++) for (const { v, t } of targets) {
  const c0 = treeCpuMicros(t.child.pid!);
  const r = await autocannon({ url: `${t.url}/api/me`, headers: { authorization: `Bearer ${apiKey}` }, connections: 50, duration: 2 });
  const c = treeCpuMicros(t.child.pid!) - c0;
  console.log(v.padEnd(30), Math.round(r.requests.total / r.duration), (c / r.requests.total).toFixed(1), 'µs/req', r.non2xx);
}
for (const { t } of targets) await t.stop();
}
void main();
