#!/usr/bin/env node
// How long `gtctl validate` takes on a large tree: 2,000 Member documents (20 files of 100) and 5 teams.
// Prints the in-process CPU time of loading and validating, and the CLI's wall time beyond Node's own start-up.
// Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MEMBERS = Number(process.env.MEMBERS ?? 2000);
const TEAMS = 5;
const PER_FILE = 100;

const dir = mkdtempSync(path.join(tmpdir(), 'gtctl-bench-validate-'));
try {
  const project = `apiVersion: gtctl/v1\nkind: Project\nmetadata: { name: bench }\nspec: { region: us-east-1 }\n`;
  const teams = Array.from({ length: TEAMS }, (_, t) => `apiVersion: gtctl/v1\nkind: Team\nmetadata: { name: team-${t} }\nspec:\n  description: Team ${t}\n`).join('---\n');
  writeFileSync(path.join(dir, 'project.yaml'), project);
  writeFileSync(path.join(dir, 'teams.yaml'), teams);
  for (let f = 0; f * PER_FILE < MEMBERS; f++) {
    const docs = [];
    for (let i = f * PER_FILE; i < Math.min(MEMBERS, (f + 1) * PER_FILE); i++) {
      docs.push(`apiVersion: gtctl/v1\nkind: Member\nmetadata:\n  name: worker${i}@example.com\nspec:\n  displayName: Worker ${i}\n  teams: [team-${i % TEAMS}]\n`);
    }
    writeFileSync(path.join(dir, `members-${String(f).padStart(3, '0')}.yaml`), docs.join('---\n'));
  }

  const { loadSpecs } = await import(path.join(root, 'dist/spec/load.js'));
  const before = process.cpuUsage();
  const started = performance.now();
  const result = await loadSpecs(dir);
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(before);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) throw new Error(`the generated tree should be valid, got ${errors} errors`);

  const time = (args) => {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    return performance.now() - start;
  };
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const node = median(Array.from({ length: 5 }, () => time(['-e', '0'])));
  const cli = median(Array.from({ length: 5 }, () => time(['dist/cli/main.js', 'validate', '-d', dir])));

  const ms = (n) => `${n.toFixed(0)} ms`;
  console.log(`validate: ${MEMBERS} Member documents in ${Math.ceil(MEMBERS / PER_FILE)} files + ${TEAMS} teams`);
  console.log(`  load + validate in process: ${ms(wall)} wall, ${ms((cpu.user + cpu.system) / 1000)} CPU`);
  console.log(`  gtctl validate (CLI, median of 5): ${ms(cli)} wall; node -e 0: ${ms(node)}; beyond Node start-up: ${ms(cli - node)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
