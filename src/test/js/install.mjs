// Installs the locked SDK packages (npm ci) unless node_modules already holds exactly them, so that a build
// reinstalls only after package-lock.json changed. npm records what it installed in node_modules/.package-lock.json:
// the lockfile's packages without the root entry. Install scripts are not run: the SDKs need none.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

function packages(file) {
  try {
    const { '': root, ...rest } = JSON.parse(readFileSync(here + file, 'utf8')).packages;
    return JSON.stringify(rest);
  } catch {
    return null;
  }
}

const installed = packages('node_modules/.package-lock.json');
if (installed === null || installed !== packages('package-lock.json')) {
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'],
    { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
}
