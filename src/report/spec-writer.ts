// The spec tree `gtctl import` writes: its documents (spec/write.ts) to files (path relative to the output
// directory -> text), one file per kind in the style of specs/even-odd, teams one file each when the workforce is
// large. Pure: the same tree gives byte-identical files; writing them is app/import.ts's business.
import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Kind } from '../spec/kinds.js';
import type { CommentedDocument, WrittenTree } from '../spec/write.js';
import type { WrittenDocument } from '../spec/written.js';

/** Above either, teams are written one file each under `teams/`. */
export const MAX_TEAMS_IN_ONE_FILE = 10;
export const MAX_MEMBERS_IN_ONE_FILE = 200;

/** The modeline: the schemas' `$id` URL, since where gtctl's schemas sit relative to the user's repo is unknown. */
export function schemaModeline(kind: Kind): string {
  return `# yaml-language-server: $schema=https://gtctl.dev/schemas/v1/${kind.toLowerCase()}.schema.json`;
}

export interface SpecFile {
  path: string;
  text: string;
}

export function specFiles(tree: WrittenTree): SpecFile[] {
  const files: SpecFile[] = [{ path: 'project.yaml', text: fileText('Project', [tree.project]) }];
  if (tree.workforce) files.push({ path: 'workforce.yaml', text: fileText('Workforce', [tree.workforce]) });
  if (tree.teams.length) {
    const members = tree.teams.reduce((n, t) => n + (t.document.spec?.members?.length ?? 0), 0);
    if (tree.teams.length > MAX_TEAMS_IN_ONE_FILE || members > MAX_MEMBERS_IN_ONE_FILE) {
      for (const team of tree.teams) files.push({ path: `teams/${team.document.metadata.name}.yaml`, text: fileText('Team', [team]) });
    } else files.push({ path: 'teams.yaml', text: fileText('Team', tree.teams) });
  }
  if (tree.buckets.length) files.push({ path: 'buckets.yaml', text: fileText('Bucket', tree.buckets) });
  if (tree.jobs.length) files.push({ path: 'jobs.yaml', text: fileText('LabelingJob', tree.jobs) });
  return files;
}

function fileText(kind: Kind, docs: ReadonlyArray<CommentedDocument<WrittenDocument>>): string {
  return `${schemaModeline(kind)}\n${docs.map(documentText).join('---\n')}`;
}

/** Lists of short scalars read best on one line, like `labels: [Odd Number, Even Number]`; members stay a list. */
const FLOW_MAX = 72;

function documentText(written: CommentedDocument<WrittenDocument>): string {
  const doc = new Document(written.document);
  flowShortLists(doc.contents as Node, []);
  // Comments above the document are written as lines of their own: the library would follow them with a blank line.
  const head = written.comments.filter((c) => c.path.length === 0).map((c) => `#${c.text}\n`).join('');
  for (const { path, text } of written.comments) {
    if (path.length === 0) continue;
    const node = doc.getIn(path, true) as Node | undefined;
    if (isScalar(node)) node.comment = node.comment ? `${node.comment};${text}` : text;
    else {
      // A collection's comment goes above its key: find the pair in the parent map.
      const parent = doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent) ? (parent.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]) : undefined;
      if (pair && isScalar(pair.key)) pair.key.commentBefore = text;
    }
  }
  return head + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function flowShortLists(node: Node | null | undefined, path: ReadonlyArray<string | number>): void {
  if (isMap(node)) for (const pair of node.items) flowShortLists(pair.value as Node, [...path, isScalar(pair.key) ? String(pair.key.value) : '']);
  else if (isSeq(node)) {
    const scalars = node.items.every((item) => isScalar(item));
    const length = node.items.reduce((n: number, item) => n + String(isScalar(item) ? item.value : '').length + 2, 0);
    if (scalars && length <= FLOW_MAX && path[path.length - 1] !== 'members') node.flow = true;
    else node.items.forEach((item, i) => flowShortLists(item as Node, [...path, i]));
  }
}
