#!/usr/bin/env node
// Adds lockfile entries for optional native packages of other platforms.
//
// Why: the package registry this project installs from serves only this platform's native builds (e.g.
// @rollup/rollup-android-arm64 answers 404), so `npm install` cannot lock them, while npm 11's `npm ci` refuses a
// lockfile that lacks any package named in an optionalDependencies map. The entries added here carry the
// version and the os/cpu/libc read from the package name, so npm skips them on every other platform, as it
// would with a complete lockfile. Run after any dependency change: `npm install && npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'netbsd', 'openbsd', 'openharmony', 'sunos', 'win32', 'aix', 'cygwin'];
const CPU = { 'arm-eabi': 'arm', 'arm-gnueabihf': 'arm', 'arm-musleabihf': 'arm', arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', mips64el: 'mips64el', wasm32: 'wasm32' };

/** `@rollup/rollup-linux-arm64-musl` → { os: ['linux'], cpu: ['arm64'], libc: ['musl'] } */
function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find((candidate) => base.includes(`-${candidate}-`) || base.startsWith(`${candidate}-`));
  if (!os) return undefined;
  const rest = base.slice(base.indexOf(os) + os.length + 1);
  const cpuKey = Object.keys(CPU).sort((a, b) => b.length - a.length).find((key) => rest === key || rest.startsWith(`${key}-`) || rest.startsWith(key));
  if (!cpuKey) return undefined;
  const platform = { os: [os], cpu: [CPU[cpuKey]] };
  if (/musl/.test(rest)) platform.libc = ['musl'];
  else if (/gnu/.test(rest) && os === 'linux') platform.libc = ['glibc'];
  return platform;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(range)) continue;
    packages[`node_modules/${name}`] = { version: range, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
