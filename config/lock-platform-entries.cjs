// Adds package-lock entries for optional platform binaries that the registry mirror here does not serve
// (npm records no entry for a 404ed optional package, and `npm ci` then refuses the lock). Usage:
//   npm ci > /tmp/missing.txt 2>&1; node config/lock-platform-entries.cjs package-lock.json /tmp/missing.txt
const fs = require('fs');
const [lockPath, missingPath] = process.argv.slice(2);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const missing = fs.readFileSync(missingPath, 'utf8').split('\n').map((l) => /Missing: (.+)@ from lock file/.exec(l)?.[1]).filter(Boolean);
const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony', 'wasm32'];
const CPU = [['arm64', 'arm64'], ['aarch64', 'arm64'], ['x64', 'x64'], ['ia32', 'ia32'], ['ppc64', 'ppc64'], ['s390x', 's390x'], ['riscv64', 'riscv64'], ['loong64', 'loong64'], ['armv7', 'arm'], ['arm-', 'arm'], ['wasm32', 'wasm32']];
let added = 0;
for (const name of new Set(missing)) {
  const parents = Object.entries(lock.packages).filter(([, p]) => p.optionalDependencies && p.optionalDependencies[name]);
  if (!parents.length) { console.error('no parent for', name); continue; }
  const [, parent] = parents[0];
  const base = name.split('/').pop();
  const os = OS.find((o) => base.includes(o));
  const cpu = CPU.find(([k]) => base.includes(k))?.[1];
  const entry = { version: parent.optionalDependencies[name].replace(/^[\^~=]/, ''), optional: true };
  if (parent.dev) entry.dev = true;
  if (os && os !== 'wasm32') entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (base.includes('musl')) entry.libc = ['musl'];
  else if (base.includes('gnu') && os === 'linux') entry.libc = ['glibc'];
  lock.packages[`node_modules/${name}`] = entry;
  added++;
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
