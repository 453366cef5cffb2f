// Finding spec files: every *.yaml / *.yml under the spec directory, in a stable order.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export async function findSpecFiles(directory: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      // Hidden folders (.git, .github) hold no specs, and workflow YAML there is not ours.
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      } else if (/\.ya?ml$/i.test(entry.name)) {
        found.push(full);
      }
    }
  };
  await walk(directory);
  return found.sort();
}
