// Files that specs name (`file:`, `template:`), resolved from the spec file that names them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Path, SpecDocument } from './documents.js';
import { problem } from './loaded.js';

export interface ReferencedFiles {
  read(doc: SpecDocument, at: Path, relative: string): { body: Buffer } | { diagnostic: Diagnostic };
}

export const referencedFilesOnDisk: ReferencedFiles = {
  read(doc, at, relative) {
    const full = path.resolve(path.dirname(doc.file), relative);
    try {
      return { body: readFileSync(full) };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
      return {
        diagnostic: problem(doc, at, 'file-not-found', `file "${relative}" ${reason} (looked for ${path.relative(process.cwd(), full) || full})`, 'Paths are relative to the spec file that names them; fix the path or add the file.'),
      };
    }
  },
};
