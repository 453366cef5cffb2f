import { expect, it } from 'vitest';
import { prettyJson } from './json.js';

it('prettyJson: indented by two, ending in a newline', () => {
  expect(prettyJson({ a: [1], b: 'x' })).toBe('{\n  "a": [\n    1\n  ],\n  "b": "x"\n}\n');
});
