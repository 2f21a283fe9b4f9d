// Plain JavaScript, not TypeScript: it must run on an old Node.js to say that Node.js is too old.
// Makes a fresh checkout ready to run: checks Node and installs the locked dependencies when they are missing
// or older than package-lock.json. Runs before `npm start` and `npm test`, so each is one command.
// Only Node's own modules here: nothing else is installed yet when this runs.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`This project needs Node.js 24 LTS or newer; this is Node.js ${process.versions.node}.`);
  process.exit(1);
}

// npm writes node_modules/.package-lock.json at every install: older than the lockfile means out of date.
const installedAt = statSync('node_modules/.package-lock.json', { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (installedAt < statSync('package-lock.json').mtimeMs) {
  console.log('Installing the locked dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
