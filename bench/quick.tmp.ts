import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seed, startShipped, treeCpuMicros } from './server-targets.js';
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'q-'));
  const variants = process.env.VARIANTS!.split('|').map((v) => { const [root, args] = v.split('::'); return { root: root!, args: args ? args.split(' ') : [] }; });
  const { apiKey } = await seed(variants[0]!.root, { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') }, 2000);
  const targets = [];
  for (const v of variants) targets.push({ v: `${v.root} ${v.args.join(' ')}`, t: await startShipped(v.root, ['--data', dir, ...v.args], {}, join(dir, 'log')) });
  const cpu: Record<string, number[]> = {};
  for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) for (const { v, t } of targets) {
    const c0 = treeCpuMicros(t.child.pid!);
    const r = await autocannon({ url: `${t.url}${process.env.PATHNAME ?? '/api/me'}`, headers: { authorization: `Bearer ${apiKey}` }, connections: 50, duration: 2 });
    const c = (treeCpuMicros(t.child.pid!) - c0) / r.requests.total;
    (cpu[v] ??= []).push(c);
    console.log(v.padEnd(40), Math.round(r.requests.total / r.duration), c.toFixed(1), 'µs/req', r.non2xx);
  }
  for (const [v, xs] of Object.entries(cpu)) console.log('median', v.padEnd(40), xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1));
  for (const { t } of targets) await t.stop();
}
void main();
