import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './bench-servers.js';
import { runDurable } from './durable.js';
import { writeReport, type BenchRun } from './report.js';
import { targetRows } from './targets.js';
import { runScale } from './scale.js';
import { runStartup } from './startup.js';
import { runThroughput } from './throughput.js';

/**
 * `npm run bench [-- --duration 10 --only throughput,durable,startup,scale --values 1000000]`: every server in its own
 * process, autocannon in another, loopback only. A full run writes bench/results.json and the tables in
 * bench/RESULTS.md; a partial one (`--only`) prints its figures and targets only.
 */
const flags = parseFlags(process.argv.slice(2));
const SECTIONS = ['throughput', 'durable', 'startup', 'scale'];
const only = new Set((flags.only ?? SECTIONS.join(',')).split(','));
const durationSeconds = Number(flags.duration ?? 10);
const workDir = mkdtempSync(path.join(os.tmpdir(), 'attrmock-bench-'));
const log = (line: string): void => void process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const run: BenchRun = {
  date: new Date().toISOString(),
  node: process.version,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
  durationSeconds,
};
try {
  const load = { connections: 50, durationSeconds, warmupSeconds: Math.min(3, durationSeconds) };
  if (only.has('throughput')) run.throughput = await runThroughput(load, workDir, log);
  if (only.has('durable')) run.durable = await runDurable(load, workDir, log);
  if (only.has('startup')) run.startup = await runStartup(Number(flags.runs ?? 5), workDir, log);
  if (only.has('scale')) run.scale = await runScale(Number(flags.values ?? 1_000_000), workDir, Number(flags.requests ?? 20_000), log);
  for (const row of targetRows(run)) log(`${row.met ? 'met   ' : 'MISSED'} ${row.target}: ${row.measured}`);
  // A partial run would replace a whole run's tables with a few of its own: it only prints.
  if (SECTIONS.every((section) => only.has(section))) {
    writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(run, null, 2)}\n`);
    writeReport(path.join(ROOT, 'bench', 'RESULTS.md'), run);
    log('wrote bench/results.json and bench/RESULTS.md');
  } else {
    log('a partial run (--only): bench/RESULTS.md and results.json left as they were');
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) out[arg.slice(2)] = argv[i + 1] ?? '';
  }
  return out;
}
