import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DurableRun } from './durable.js';
import type { ScaleResult } from './scale.js';
import type { StartupResult } from './startup.js';
import type { CaseResult } from './throughput.js';
import { ratio, targetRows } from './targets.js';

export interface BenchRun {
  date: string;
  node: string;
  machine: string;
  durationSeconds: number;
  throughput?: CaseResult[];
  durable?: DurableRun;
  startup?: StartupResult[];
  scale?: ScaleResult[];
}

const START = '<!-- bench:generated:start -->';
const END = '<!-- bench:generated:end -->';

/** Rewrites the generated part of RESULTS.md; the hand-written reading around it is kept. */
export function writeReport(file: string, run: BenchRun): void {
  const generated = [START, ...renderRun(run), END].join('\n');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : `# attrmock benchmark results\n\n${START}\n${END}\n\n## Reading\n\n(to be written)\n`;
  const [before, rest] = old.includes(START) ? old.split(START) : [`${old}\n`, END];
  const after = rest!.includes(END) ? rest!.slice(rest!.indexOf(END) + END.length) : '';
  writeFileSync(file, `${before}${generated}${after}`);
}

function renderRun(run: BenchRun): string[] {
  const lines = [`Run of ${run.date.slice(0, 16).replace('T', ' ')} UTC · Node ${run.node} · ${run.machine} · ${run.durationSeconds} s per load case, 50 connections, autocannon in its own process, loopback.`, ''];
  lines.push('### Targets', '', '| target | measured | met |', '|---|---|---|', ...targetRows(run).map((r) => `| ${r.target} | ${r.measured} | ${r.met ? 'yes' : '**no**'} |`), '');
  if (run.throughput) lines.push(...throughputTable(run.throughput));
  if (run.durable) lines.push(...durableTable(run.durable));
  if (run.startup) lines.push(...startupTable(run.startup));
  if (run.scale) lines.push(...scaleTable(run.scale));
  return lines;
}

function throughputTable(results: CaseResult[]): string[] {
  const lines = ['### Throughput (50 connections)', '', '| server | case | answer | req/s | p50 ms | p99 ms | server CPU µs/req | peak RSS MiB | off-status / errors |', '|---|---|---|---:|---:|---:|---:|---:|---|'];
  for (const r of results) {
    lines.push(`| ${r.server} | ${r.caseId} | ${r.status}, ${r.bytes} B | ${r.load.rps.toFixed(0)} | ${r.load.p50} | ${r.load.p99} | ${r.load.cpuUsPerRequest.toFixed(0)} | ${mib(r.load.peakRss)} | ${r.load.unexpected} / ${r.load.errors} |`);
  }
  return [...lines, ''];
}

function durableTable(run: DurableRun): string[] {
  const lines = [
    '### Durable writes (seed-post upsert)',
    '',
    'The seed POST with its three values changed from request to request, 50 connections in all; with two replicas one autocannon run spreads them over both, so the figures are the pair\'s. The ÷ columns are ratios to the in-memory row. CPU is attrmock\'s only (all replicas), not Redis\'s.',
    '',
    '| mode | setup | servers | req/s | req/s ÷ in memory | p50 ms | p99 ms | p99 ÷ in memory | attrmock CPU µs/req | peak RSS MiB | off-status / errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const base = run.results[0]?.load;
  for (const r of run.results) {
    const l = r.load;
    lines.push(`| ${r.mode} | ${r.setup} | ${r.servers} | ${l.rps.toFixed(0)} | ${base ? ratio(l.rps, base.rps) : 'n/a'} | ${l.p50} | ${l.p99} | ${base ? ratio(l.p99, base.p99) : 'n/a'} | ${l.cpuUsPerRequest.toFixed(0)} | ${mib(l.peakRss)} | ${l.unexpected} / ${l.errors} |`);
  }
  for (const why of run.skipped) lines.push('', `**${why}**`);
  return [...lines, ''];
}

function startupTable(results: StartupResult[]): string[] {
  const lines = ['### Start-up (spawn → first 2xx)', '', '| server | specs | median ms | runs ms |', '|---|---|---:|---|'];
  for (const r of results) lines.push(`| ${r.server} | ${r.specs} | ${r.medianMs} | ${r.runsMs.join(', ')} |`);
  return [...lines, ''];
}

function scaleTable(results: ScaleResult[]): string[] {
  const lines = [
    '### Scale (Snag, one request at a time to a random user)',
    '',
    '| stored values | start-up ms | RSS idle MiB | RSS after MiB | peak RSS MiB | list p50 / p99 / mean ms | upsert p50 / p99 / mean ms |',
    '|---:|---:|---:|---:|---:|---|---|',
  ];
  const ms = (l: ScaleResult['list']): string => `${l.p50.toFixed(3)} / ${l.p99.toFixed(3)} / ${l.mean.toFixed(3)}`;
  for (const r of results) lines.push(`| ${r.values.toLocaleString('en')} | ${r.startupMs} | ${mib(r.rssIdle)} | ${mib(r.rssAfter)} | ${mib(r.peakRss)} | ${ms(r.list)} | ${ms(r.upsert)} |`);
  return [...lines, ''];
}

export const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
