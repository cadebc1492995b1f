import type { BenchRun } from './report.js';
import type { CaseResult } from './throughput.js';

export interface TargetRow {
  target: string;
  measured: string;
  met: boolean;
}

const ATTRMOCK = ['attrmock (log info)', 'attrmock (log warn)', 'attrmock engine on node:http (bench-only host)'];
export const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);

/** The targets, each computed from figures of the same run. */
export function targetRows(run: BenchRun): TargetRow[] {
  return [...throughputRows(run.throughput ?? []), ...startupRows(run), ...scaleRows(run)];
}

function throughputRows(results: CaseResult[]): TargetRow[] {
  const find = (server: string, caseId: string): CaseResult | undefined => results.find((r) => r.server === server && r.caseId === caseId);
  const rows: TargetRow[] = [];
  for (const caseId of ['seed-post', 'list-get', 'invalid-post']) {
    const prism = find('Prism static', caseId);
    const express = find('bare Express 5', caseId);
    for (const server of ATTRMOCK) {
      const mine = find(server, caseId);
      if (!mine) continue;
      if (prism) {
        rows.push({ target: `${server}, ${caseId}: req/s ≥ 3× Prism static`, measured: ratio(mine.load.rps, prism.load.rps), met: mine.load.rps >= 3 * prism.load.rps });
        rows.push({ target: `${server}, ${caseId}: p99 ≤ ⅓ of Prism static's`, measured: `${mine.load.p99} vs ${prism.load.p99} ms (${ratio(mine.load.p99, prism.load.p99)})`, met: mine.load.p99 * 3 <= prism.load.p99 });
      }
      if (express) rows.push({ target: `${server}, ${caseId}: req/s ≥ 0.85× bare Express 5`, measured: ratio(mine.load.rps, express.load.rps), met: mine.load.rps >= 0.85 * express.load.rps });
    }
  }
  return rows;
}

function startupRows(run: BenchRun): TargetRow[] {
  const startup = run.startup ?? [];
  const three = startup.find((s) => s.server === 'attrmock' && s.specs.startsWith('snag + lightdash'));
  const full = startup.find((s) => s.server === 'attrmock' && s.specs.startsWith('Looker.4.0'));
  const prismFull = startup.find((s) => s.server === 'Prism static' && s.specs.startsWith('Looker.4.0'));
  const rows: TargetRow[] = [];
  if (three) rows.push({ target: 'start-up, three vendor specs < 300 ms', measured: `${three.medianMs} ms`, met: three.medianMs < 300 });
  if (full && prismFull) {
    rows.push({ target: 'start-up, full Looker spec < ½ of Prism\'s', measured: `${full.medianMs} vs ${prismFull.medianMs} ms (${ratio(full.medianMs, prismFull.medianMs)})`, met: full.medianMs * 2 < prismFull.medianMs });
  }
  return rows;
}

function scaleRows(run: BenchRun): TargetRow[] {
  const scale = run.scale ?? [];
  const small = scale[0];
  const big = scale[scale.length - 1];
  if (!small || !big || small === big) return [];
  const rows: TargetRow[] = [];
  for (const kind of ['list', 'upsert'] as const) {
    for (const stat of ['p50', 'p99'] as const) {
      const a = big[kind][stat];
      const b = small[kind][stat];
      rows.push({ target: `${kind} ${stat} at ${big.values.toLocaleString('en')} ≤ 1.5× at ${small.values.toLocaleString('en')}`, measured: `${a.toFixed(3)} vs ${b.toFixed(3)} ms (${ratio(a, b)})`, met: a <= 1.5 * b });
    }
  }
  rows.push({ target: `peak RSS at ${big.values.toLocaleString('en')} values < 1 GiB`, measured: `${(big.peakRss / 2 ** 20).toFixed(0)} MiB (idle ${(big.rssIdle / 2 ** 20).toFixed(0)} MiB)`, met: big.peakRss < 2 ** 30 });
  return rows;
}
