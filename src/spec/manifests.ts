// Lint of input manifests kept in the repository (bucket objects ending in .manifest/.jsonl), checked against
// the manifest rules of aws-facts §5.1 and, when a job uses the manifest, against what its task type needs. The
// rules themselves live in core/jobs/manifest-check.ts, shared with the plan-time preflight; this file places them.
import path from 'node:path';
import type { Diagnostic, Severity } from '../core/diagnostics.js';
import { frameTypeOf } from '../core/catalog.js';
import { checkManifest } from '../core/jobs/manifest-check.js';
import { sequenceProblems } from '../core/jobs/sequences.js';
import type { LabelingJob } from '../core/model.js';
import { problem, valueAt, type SpecTree } from './loaded.js';

/** Past this many problems in one manifest, the rest are summarized: one broken generator makes thousands. */
const MAX_REPORTED = 20;

export function isManifestKey(key: string): boolean {
  return /\.(manifest|jsonl)$/i.test(key);
}

type Report = (line: number, code: string, message: string, hint: string, severity?: Severity) => void;

export function lintManifests(tree: SpecTree): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const bucket of tree.buckets) {
    const written = valueAt(bucket.doc, ['spec', 'objects']);
    if (!Array.isArray(written)) continue;
    written.forEach((object: { key: string; content?: string; file?: string }, index) => {
      if (!isManifestKey(object.key)) return;
      const resolved = bucket.value.objects.find((o) => o.key === object.key);
      if (!resolved) return;
      const uri = `s3://${bucket.value.name}/${object.key}`;
      const job = tree.jobs.find((j) => 'manifest' in j.value.input && j.value.input.manifest === uri)?.value;
      const report: Report =
        object.file !== undefined
          ? (line, code, message, hint, severity = 'error') =>
              out.push({ severity, code, message, hint, file: path.join(path.dirname(bucket.doc.file), object.file!), line, column: 1 })
          : (line, code, message, hint, severity = 'error') => {
              const at = ['spec', 'objects', index, 'content'];
              out.push({ ...problem(bucket.doc, at, code, `manifest line ${line}: ${message}`, hint, severity), ...bucket.doc.locateLine(at, line) });
            };
      const text = Buffer.from(resolved.bodyBase64, 'base64').toString('utf8');
      lintManifest(text, job, report);
      if (job) out.push(...lintSequenceFiles(tree, text, job));
    });
  }
  return out;
}

/** The sequence files a video frame or point cloud tracking manifest names, where the specs keep them. */
function lintSequenceFiles(tree: SpecTree, manifest: string, job: LabelingJob): Diagnostic[] {
  const data = frameTypeOf(job.task.type)?.data;
  if (data !== 'video-sequence' && data !== 'point-cloud-sequence') return [];
  const refs = new Set(checkManifest(manifest, undefined).sourceRefs);
  const out: Diagnostic[] = [];
  for (const bucket of tree.buckets) {
    const written = valueAt(bucket.doc, ['spec', 'objects']);
    bucket.value.objects.forEach((object) => {
      if (!refs.has(`s3://${bucket.value.name}/${object.key}`)) return;
      const index = Array.isArray(written) ? written.findIndex((w: { key?: string }) => w?.key === object.key) : -1;
      for (const message of sequenceProblems(Buffer.from(object.bodyBase64, 'base64').toString('utf8'), data))
        out.push(problem(bucket.doc, ['spec', 'objects', index], 'sequence-file', `sequence file ${object.key}: ${message}`, 'See the sequence file format in the Ground Truth developer guide (seq-no, prefix, number-of-frames, frames).'));
    });
  }
  return out;
}

/** Checks one JSON Lines manifest (core/jobs/manifest-check.ts); `job` (when a job uses it) adds the task type's key and size rules. */
export function lintManifest(text: string, job: LabelingJob | undefined, report: Report): void {
  const check = checkManifest(text, job);
  for (const p of check.lines.slice(0, MAX_REPORTED)) report(p.line, p.code, p.message, p.hint, p.severity);
  for (const p of check.whole) report(p.line, p.code, p.message, p.hint, p.severity);
  const more = check.lines.length - MAX_REPORTED;
  if (more > 0) report(check.lineCount, 'manifest-json', `${more} more problems in this manifest are not shown`, 'Fix the ones above first; they often share a cause.');
}
