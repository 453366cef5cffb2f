import { describe, expect, it } from 'vitest';
import { TASK_TYPES } from '../model.js';
import { crowdElementOf, liquidLiteral, workerTemplate } from './template.js';
import { aJob, aJobOfType } from './test-support.js';

const IMAGE_SRC = 'src="{{ task.input.taskObject | grant_read_access }}"';
const LABELS = '{{ task.input.labels | to_json | escape }}';

describe('workerTemplate', () => {
  it('writes the seed job (text classification) as Liquid HTML with a crowd-classifier', () => {
    expect(workerTemplate(aJob())).toBe(
      [
        '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
        '',
        '<crowd-form>',
        '  <crowd-classifier',
        '    name="crowd-classifier"',
        `    categories="${LABELS}"`,
        '    header="Odd or even"',
        '  >',
        '    <classification-target>{{ task.input.taskObject }}</classification-target>',
        '',
        '    <short-instructions>',
        'Select Even Number if the number is divisible by 2.',
        '    </short-instructions>',
        '  </crowd-classifier>',
        '</crowd-form>',
        '',
      ].join('\n'),
    );
  });

  it.each([
    { type: 'text-classification', element: 'crowd-classifier', name: 'crowd-classifier', labels: 'categories', image: false },
    { type: 'text-classification-multilabel', element: 'crowd-classifier-multi-select', name: 'crowd-classifier-multi-select', labels: 'categories', image: false },
    { type: 'image-classification', element: 'crowd-image-classifier', name: 'crowd-image-classifier', labels: 'categories', image: true },
    { type: 'image-classification-multilabel', element: 'crowd-image-classifier-multi-select', name: 'crowd-image-classifier-multi-select', labels: 'categories', image: true },
    { type: 'bounding-box', element: 'crowd-bounding-box', name: 'annotatedResult', labels: 'labels', image: true },
    { type: 'semantic-segmentation', element: 'crowd-semantic-segmentation', name: 'crowd-semantic-segmentation', labels: 'labels', image: true },
    { type: 'bounding-box-verification', element: 'crowd-image-classifier', name: 'crowd-image-classifier', labels: 'categories', image: true },
    { type: 'semantic-segmentation-verification', element: 'crowd-image-classifier', name: 'crowd-image-classifier', labels: 'categories', image: true },
    { type: 'bounding-box-adjustment', element: 'crowd-bounding-box', name: 'annotatedResult', labels: 'labels', image: true },
    { type: 'semantic-segmentation-adjustment', element: 'crowd-semantic-segmentation', name: 'crowd-semantic-segmentation', labels: 'labels', image: true },
  ] as const)('$type: <$element name="$name"> in a crowd-form, labels in $labels', ({ type, element, name, labels, image }) => {
    const template = workerTemplate(aJobOfType(type))!;
    expect(crowdElementOf(type)).toBe(element);
    expect(template).toContain('<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>');
    expect(template).toMatch(new RegExp(`<crowd-form>\\n  <${element}\\n    name="${name}"\\n`));
    expect(template).toContain(`  </${element}>\n</crowd-form>\n`);
    expect(template).toContain(`    ${labels}="${LABELS}"`);
    expect(template).toContain('    header="Odd or even"');
    expect(template.includes(IMAGE_SRC)).toBe(image);
    expect(template.includes('<classification-target>{{ task.input.taskObject }}</classification-target>')).toBe(!image);
  });

  it.each(TASK_TYPES)('%s: the same job always gives the same text', (type) => {
    expect(workerTemplate(aJobOfType(type))).toBe(workerTemplate(aJobOfType(type)));
  });

  it('writes no template for named entity recognition (built-in UI) or custom tasks (their own)', () => {
    expect(workerTemplate(aJobOfType('named-entity-recognition'))).toBeUndefined();
    expect(workerTemplate(aJobOfType('custom', { template: '<crowd-form></crowd-form>' }))).toBeUndefined();
    expect(crowdElementOf('named-entity-recognition')).toBeUndefined();
  });

  it('puts full instructions and the good and bad examples, HTML as given, under full-instructions', () => {
    const template = workerTemplate(
      aJob({
        task: {
          instructions: {
            short: 'Pick <b>one</b>.',
            full: '<p>Even numbers end in 0, 2, 4, 6 or 8.</p>',
            examples: { good: ['<img src="https://example.com/good.png">'], bad: ['"7" marked even', '"8" marked odd'] },
          },
        },
      }),
    )!;
    expect(template).toContain(
      [
        '    <full-instructions header="Full instructions">',
        '<p>Even numbers end in 0, 2, 4, 6 or 8.</p>',
        '<h3>Good example</h3>',
        '<ul>',
        '<li><img src="https://example.com/good.png"></li>',
        '</ul>',
        '<h3>Bad examples</h3>',
        '<ul>',
        '<li>"7" marked even</li>',
        '<li>"8" marked odd</li>',
        '</ul>',
        '    </full-instructions>',
        '',
        '    <short-instructions>',
        'Pick <b>one</b>.',
        '    </short-instructions>',
      ].join('\n'),
    );
  });

  it('leaves out the instruction elements the job has nothing for', () => {
    const none = workerTemplate(aJob({ task: { instructions: { examples: { good: [], bad: [] } } } }))!;
    expect(none).not.toContain('instructions');
    const examplesOnly = workerTemplate(aJob({ task: { instructions: { examples: { good: ['42 is even'], bad: [] } } } }))!;
    expect(examplesOnly).toContain('<full-instructions header="Full instructions">\n<h3>Good example</h3>');
    expect(examplesOnly).not.toContain('short-instructions');
  });

  it('escapes the title for its attribute, and keeps Liquid from running text from the spec', () => {
    const template = workerTemplate(
      aJob({ task: { title: 'Is "{{ x }}" <odd> & even?', instructions: { short: 'Write {% raw %} or {{ task.input.taskObject }}', examples: { good: [], bad: [] } } } }),
    )!;
    expect(template).toContain(`header="Is &quot;{{ '{{' }} x }}&quot; &lt;odd&gt; &amp; even?"`);
    expect(template).toContain(`Write {{ '{%' }} raw %} or {{ '{{' }} task.input.taskObject }}`);
  });

  it('verification shows the earlier labels over the image; adjustment starts the tool from them', () => {
    const verify = workerTemplate(aJobOfType('bounding-box-verification'))!;
    expect(verify).toContain('{% if task.input.manifestLine[metadata_key].type == "groundtruth/object-detection" %}');
    expect(verify).toMatch(/ {4}overlay="\{&quot;boundingBox&quot;: \{&quot;labels&quot;: \{\{ task\.input\.labels \| to_json \| escape \}\}, &quot;value&quot;: .*prior\.annotations/);
    expect(verify).toContain('<worker-comment');
    const adjust = workerTemplate(aJobOfType('semantic-segmentation-adjustment'))!;
    expect(adjust).toContain('{% if task.input.manifestLine[metadata_key].type == "groundtruth/semantic-segmentation" %}');
    expect(adjust).toContain('    initial-value="{&quot;src&quot;: &quot;{{ prior | grant_read_access }}&quot;, &quot;labelMappings&quot;: ');
    // `{{%` would open a Liquid output in the middle of the JSON.
    for (const type of TASK_TYPES) expect(workerTemplate(aJobOfType(type)) ?? '').not.toContain('{{%');
  });
});

describe('liquidLiteral', () => {
  it.each([
    ['plain <b>html</b>', 'plain <b>html</b>'],
    ['{{ a }}', "{{ '{{' }} a }}"],
    ['{%raw%}', "{{ '{%' }}raw%}"],
    ['} { }} {', '} { }} {'],
  ])('%s -> %s', (text, expected) => {
    expect(liquidLiteral(text)).toBe(expected);
  });
});
