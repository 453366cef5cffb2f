// What a labeling job's output manifest says (aws-facts §5.2), summed up for `gtctl results`: how many objects got
// each label, how many the workers disagreed on, how many failed. Pure: the caller reads the manifest.
//
// Each output line is the input line plus `<attribute>` (the label) and `<attribute>-metadata`:
// - single-label classification (and label verification): the label is a class index, metadata `class-name` and
//   `confidence`;
// - multi-label classification: an array of class indexes, metadata `class-map` and `confidence-map` (index keys);
// - other types (boxes, spans, masks): a label whose shape this summary does not break down: objects are counted;
// - an object whose tasks failed: metadata `failure-reason` and no label;
// - an object not labeled yet (intermediate manifests, a stopped job): neither.
//
// Disagreement: with one worker per object Ground Truth writes confidence 0.00 (aws-facts §5.2), which says nothing
// about agreement, so it is only counted when the job has two or more workers per object; and only for objects
// labeled by people (`human-annotated` is "no" for auto-labeled ones, whose confidence is the model's). The
// metadata has no worker count, so the caller gives the job's NumberOfHumanWorkersPerDataObject. Note that AWS's
// consolidation (Expectation Maximization) can give confidence a little below 1 even when all workers agree.

export interface LabelCount {
  label: string;
  /** Objects with this label; a multi-label object counts once for each of its labels. */
  objects: number;
}

export interface OutputSummary {
  job: string;
  labelAttribute: string;
  /** Where the output manifest is, when the caller knows. */
  output?: string;
  workersPerObject: number;
  /** Data objects in the manifest. */
  total: number;
  labeled: number;
  failed: number;
  /** Neither labeled nor failed (yet). */
  unlabeled: number;
  /** Lines that are not JSON objects; not counted in `total`. */
  unreadable: number;
  /** Classification labels, in label order (the label category file's order when known). Empty for other types. */
  labels: LabelCount[];
  /**
   * Human-labeled classification objects whose confidence is below 1 (single-label: `confidence`; multi-label: any
   * value of `confidence-map`), out of the objects it was measured on. Undefined when not measured: one worker per
   * object, or no classification labels.
   */
  disagreement?: { objects: number; outOf: number };
  /** Failure reasons, most frequent first. */
  failures: Array<{ reason: string; objects: number }>;
}

export interface SummarizeOptions {
  /** The job's labels, in order: listed even when no object got them. */
  labels?: readonly string[];
  output?: string;
}

export function summarizeOutput(
  job: string,
  labelAttributeName: string,
  outputManifestText: string,
  workersPerObject: number,
  options: SummarizeOptions = {},
): OutputSummary {
  const counts = new Map<string, { objects: number; index: number }>();
  (options.labels ?? []).forEach((label, index) => counts.set(label, { objects: 0, index }));
  const count = (label: string, index: number) => {
    const entry = counts.get(label) ?? { objects: 0, index };
    entry.objects++;
    counts.set(label, entry);
  };
  const failures = new Map<string, number>();
  const summary = { total: 0, labeled: 0, failed: 0, unlabeled: 0, unreadable: 0 };
  let measured = 0;
  let disagreed = 0;

  for (const text of outputManifestText.split(/\r?\n/)) {
    if (text.trim() === '') continue;
    const line = parseObject(text);
    if (!line) {
      summary.unreadable++;
      continue;
    }
    summary.total++;
    const value = line[labelAttributeName];
    const metadata = asObject(line[`${labelAttributeName}-metadata`]) ?? {};
    if (value === undefined) {
      if (metadata['failure-reason'] !== undefined) {
        summary.failed++;
        const reason = String(metadata['failure-reason']);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      } else summary.unlabeled++;
      continue;
    }
    summary.labeled++;
    const confidences = classify(value, metadata, count);
    if (confidences && workersPerObject >= 2 && metadata['human-annotated'] !== 'no') {
      measured++;
      if (confidences.some((c) => c < 1)) disagreed++;
    }
  }

  const labels = [...counts]
    .sort(([a, x], [b, y]) => x.index - y.index || compare(a, b))
    .map(([label, { objects }]) => ({ label, objects }));
  return {
    job,
    labelAttribute: labelAttributeName,
    ...(options.output !== undefined ? { output: options.output } : {}),
    workersPerObject,
    ...summary,
    labels,
    ...(measured > 0 ? { disagreement: { objects: disagreed, outOf: measured } } : {}),
    failures: [...failures].sort(([a, x], [b, y]) => y - x || compare(a, b)).map(([reason, objects]) => ({ reason, objects })),
  };
}

/**
 * Counts a classification label through `count` and returns its confidences; undefined for other label shapes.
 * Index unknown (no class index in the label) sorts after every known one.
 */
function classify(value: unknown, metadata: Record<string, unknown>, count: (label: string, index: number) => void): number[] | undefined {
  const className = metadata['class-name'];
  if (typeof className === 'string') {
    count(className, indexOf(value));
    const confidence = toNumber(metadata.confidence);
    return confidence === undefined ? [] : [confidence];
  }
  const classMap = asObject(metadata['class-map']);
  if (Array.isArray(value) && classMap) {
    for (const index of value) {
      const name = classMap[String(index)];
      count(typeof name === 'string' ? name : String(index), indexOf(index));
    }
    const confidenceMap = asObject(metadata['confidence-map']) ?? {};
    return Object.values(confidenceMap).flatMap((c) => toNumber(c) ?? []);
  }
  return undefined;
}

function indexOf(value: unknown): number {
  return toNumber(value) ?? Number.MAX_SAFE_INTEGER;
}

/** Numbers, and numeric strings (Ground Truth writes class indexes either way). */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
