// The worker task template gtctl writes for a built-in type (Liquid HTML with the type's crowd element).
//
// Shape (aws-facts §4.3, the built-in example templates): the crowd-elements script, a `crowd-form` root, and one
// crowd element that shows the data object (`task.input.taskObject`: the text itself, or for images an S3 URI turned
// into a presigned URL by `grant_read_access`), offers the labels (`task.input.labels | to_json | escape`), is headed
// by the task title and holds the instructions. Its `name` is the answer key in worker responses; it is the name
// AWS's own templates give it, which the built-in consolidation Lambdas read.
//
// Text from the spec is inserted so that Liquid never runs it: `{{` and `{%` in a title or instructions come out as
// written. Titles are escaped for their HTML attribute; instructions and examples are HTML as given. The data object
// itself is inserted unescaped, as in AWS's templates (HTML in a text object renders).
import type { LabelingJob, TaskType } from '../model.js';
import { fullInstructionsHtml } from './instructions.js';

export const CROWD_ELEMENTS_SCRIPT = 'https://assets.crowd.aws/crowd-html-elements.js';

const TEXT_OBJECT = '{{ task.input.taskObject }}';
const FILE_OBJECT = '{{ task.input.taskObject | grant_read_access }}';
const LABELS = '{{ task.input.labels | to_json | escape }}';
/** The video as AWS's template plays it: one presigned URL offered in each format browsers play. */
const VIDEO_TARGET = [
  '    <classification-target>',
  '      <video width="100%" controls>',
  ...['mp4', 'webm', 'ogg'].map((format) => `        <source src="${FILE_OBJECT}" type="video/${format}"/>`),
  '      </video>',
  '    </classification-target>',
];

interface Element {
  tag: string;
  /** The answer key. */
  name: string;
  /** Classifiers take `categories`; drawing tools take `labels`. */
  labelsAttribute: 'categories' | 'labels';
  /** Text is shown inside the element, an image is its `src`, a video plays inside it. */
  object: 'text' | 'image' | 'video';
  /** Liquid run before the form (finding the labels under review). */
  before?: readonly string[];
  /** More attributes, written after `header`. */
  attributes?: readonly string[];
  /** Children before the instructions. */
  children?: readonly string[];
}

/**
 * Verification and adjustment jobs show the labels of an earlier job, which the input manifest carries (the earlier
 * job's output manifest, aws-facts §5.2). The job does not name that job's label attribute, so the template finds
 * it: the last attribute of the manifest line whose `-metadata` has the earlier task's output `type`.
 * UNCONFIRMED against real AWS: that the built-in PRE- Lambdas of these types pass `task.input.manifestLine` (AWS's
 * adjustment examples read it) and that Ground Truth's Liquid iterates a hash as [key, value] pairs (AWS's
 * segmentation example does so on `internal-color-map`).
 */
function findPriorLabels(outputType: string): string[] {
  return [
    `{% comment %} The labels under review: the last attribute of the manifest line whose metadata type is ${outputType}. {% endcomment %}`,
    // One line: whatever Liquid leaves between tags is printed once per attribute.
    [
      '{% for attribute in task.input.manifestLine %}',
      '{% assign metadata_key = attribute[0] | append: "-metadata" %}',
      `{% if task.input.manifestLine[metadata_key].type == "${outputType}" %}`,
      '{% assign prior = attribute[1] %}',
      '{% assign prior_metadata = task.input.manifestLine[metadata_key] %}',
      '{% endif %}',
      '{% endfor %}',
    ].join(''),
  ];
}

// JSON inside a double-quoted attribute: quotes as &quot;, so that the browser hands the element plain JSON.
const Q = '&quot;';
const key = (name: string) => `${Q}${name}${Q}`;
/** `[{"label": ..., "left": ..., ...}, ...]` from a bounding-box label and its class map. */
const PRIOR_BOXES = [
  "{% assign separator = '' %}[{% for box in prior.annotations %}",
  '{% capture class_id %}{{ box.class_id }}{% endcapture %}',
  `{{ separator }}{${key('label')}: {{ prior_metadata['class-map'][class_id] | to_json | escape }}, ${key('left')}: {{ box.left }}, ${key('top')}: {{ box.top }}, ${key('width')}: {{ box.width }}, ${key('height')}: {{ box.height }}}`,
  "{% assign separator = ',' %}{% endfor %}]",
].join('');
/**
 * `{"<class>": {"color": "#rrggbb"}, ...}` from a segmentation label's colour map, without the background. The
 * spaces inside the braces matter: `{{%` would open a Liquid output.
 */
const PRIOR_COLOURS = [
  "{% assign separator = '' %}{ {% for entry in prior_metadata['internal-color-map'] %}",
  "{% if entry[1]['class-name'] != 'BACKGROUND' %}",
  `{{ separator }}{{ entry[1]['class-name'] | to_json | escape }}: {${key('color')}: {{ entry[1]['hex-color'] | to_json | escape }}}`,
  "{% assign separator = ',' %}{% endif %}{% endfor %} }",
].join('');
const PRIOR_MASK = `${Q}{{ prior | grant_read_access }}${Q}`;
const WORKER_COMMENT = '<worker-comment header="Why?" link-text="Add a comment" placeholder="What is wrong with the labels?"></worker-comment>';

/** Types absent here have no template of gtctl's: see workerTemplate. */
const ELEMENTS: Readonly<Partial<Record<TaskType, Element>>> = {
  'text-classification': { tag: 'crowd-classifier', name: 'crowd-classifier', labelsAttribute: 'categories', object: 'text' },
  'text-classification-multilabel': {
    tag: 'crowd-classifier-multi-select',
    name: 'crowd-classifier-multi-select',
    labelsAttribute: 'categories',
    object: 'text',
  },
  'image-classification': { tag: 'crowd-image-classifier', name: 'crowd-image-classifier', labelsAttribute: 'categories', object: 'image' },
  'image-classification-multilabel': {
    tag: 'crowd-image-classifier-multi-select',
    name: 'crowd-image-classifier-multi-select',
    labelsAttribute: 'categories',
    object: 'image',
  },
  // AWS's video classification template (DG sms-video-classification): a classifier around an HTML5 video player.
  'video-classification': { tag: 'crowd-classifier', name: 'crowd-classifier', labelsAttribute: 'categories', object: 'video' },
  'bounding-box': { tag: 'crowd-bounding-box', name: 'annotatedResult', labelsAttribute: 'labels', object: 'image' },
  'semantic-segmentation': { tag: 'crowd-semantic-segmentation', name: 'crowd-semantic-segmentation', labelsAttribute: 'labels', object: 'image' },
  // Verification: the worker rates the earlier labels, drawn over the image, with one of the job's labels.
  'bounding-box-verification': {
    tag: 'crowd-image-classifier',
    name: 'crowd-image-classifier',
    labelsAttribute: 'categories',
    object: 'image',
    before: findPriorLabels('groundtruth/object-detection'),
    attributes: [`overlay="{${key('boundingBox')}: {${key('labels')}: ${LABELS}, ${key('value')}: ${PRIOR_BOXES}}}"`],
    children: [WORKER_COMMENT],
  },
  'semantic-segmentation-verification': {
    tag: 'crowd-image-classifier',
    name: 'crowd-image-classifier',
    labelsAttribute: 'categories',
    object: 'image',
    before: findPriorLabels('groundtruth/semantic-segmentation'),
    attributes: [`overlay="{${key('semanticSegmentation')}: {${key('labels')}: ${LABELS}, ${key('labelMappings')}: ${PRIOR_COLOURS}, ${key('src')}: ${PRIOR_MASK}}}"`],
    children: [WORKER_COMMENT],
  },
  // Adjustment: the drawing tool starts from the earlier labels.
  'bounding-box-adjustment': {
    tag: 'crowd-bounding-box',
    name: 'annotatedResult',
    labelsAttribute: 'labels',
    object: 'image',
    before: findPriorLabels('groundtruth/object-detection'),
    attributes: [`initial-value="${PRIOR_BOXES}"`],
  },
  'semantic-segmentation-adjustment': {
    tag: 'crowd-semantic-segmentation',
    name: 'crowd-semantic-segmentation',
    labelsAttribute: 'labels',
    object: 'image',
    before: findPriorLabels('groundtruth/semantic-segmentation'),
    attributes: [`initial-value="{${key('src')}: ${PRIOR_MASK}, ${key('labelMappings')}: ${PRIOR_COLOURS}}"`],
  },
};

/** The crowd element of a type's template (undefined: no template, see workerTemplate). */
export function crowdElementOf(type: TaskType): string | undefined {
  return ELEMENTS[type]?.tag;
}

/**
 * The template's text, or undefined when gtctl writes none: named entity recognition, video frame and 3D point
 * cloud types use a built-in human task UI (their instructions go into the label category file), and a custom task
 * brings its own (`job.task.template`).
 */
export function workerTemplate(job: LabelingJob): string | undefined {
  const element = ELEMENTS[job.task.type];
  if (!element) return undefined;
  const { short } = job.task.instructions;
  const full = fullInstructionsHtml(job);
  const lines = [
    `<script src="${CROWD_ELEMENTS_SCRIPT}"></script>`,
    ...(element.before ?? []),
    '',
    '<crowd-form>',
    `  <${element.tag}`,
    `    name="${element.name}"`,
    ...(element.object === 'image' ? [`    src="${FILE_OBJECT}"`] : []),
    `    ${element.labelsAttribute}="${LABELS}"`,
    `    header="${liquidLiteral(escapeAttribute(job.task.title))}"`,
    ...(element.attributes ?? []).map((a) => `    ${a}`),
    '  >',
    ...(element.object === 'text' ? [`    <classification-target>${TEXT_OBJECT}</classification-target>`] : []),
    ...(element.object === 'video' ? VIDEO_TARGET : []),
    ...(element.children ?? []).map((c) => `    ${c}`),
    ...(full !== undefined ? ['', '    <full-instructions header="Full instructions">', liquidLiteral(full), '    </full-instructions>'] : []),
    ...(short !== undefined ? ['', '    <short-instructions>', liquidLiteral(short), '    </short-instructions>'] : []),
    `  </${element.tag}>`,
    '</crowd-form>',
  ];
  return `${lines.join('\n')}\n`;
}

/** For a double-quoted HTML attribute. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text that Liquid prints as written: each `{{` or `{%` becomes a Liquid string that outputs it. */
export function liquidLiteral(text: string): string {
  return text.replace(/\{\{|\{%/g, (delimiter) => `{{ '${delimiter}' }}`);
}
