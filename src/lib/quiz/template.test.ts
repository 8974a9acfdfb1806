import { describe, expect, it } from 'vitest';
import { fillTemplate, splitTemplate, templateBlankIds } from './template.ts';

describe('splitTemplate', () => {
  it.each([
    ['plain text', [{ type: 'text', text: 'plain text' }]],
    ['{{a}}', [{ type: 'blank', id: 'a' }]],
    [
      'port: {{port}}\nproto: {{proto_1}}!',
      [
        { type: 'text', text: 'port: ' },
        { type: 'blank', id: 'port' },
        { type: 'text', text: '\nproto: ' },
        { type: 'blank', id: 'proto_1' },
        { type: 'text', text: '!' },
      ],
    ],
    ['{{ .Values.x }} {{-x}}', [{ type: 'text', text: '{{ .Values.x }} {{-x}}' }]],
  ])('%j', (template, segments) => {
    expect(splitTemplate(template)).toEqual(segments);
  });
});

describe('templateBlankIds / fillTemplate', () => {
  it('lists blanks in order, keeping repeats', () => {
    expect(templateBlankIds('{{b}} {{a}} {{b}}')).toEqual(['b', 'a', 'b']);
  });

  it('fills each blank', () => {
    expect(fillTemplate('type: {{t}}, port: {{p}}', (id) => id.toUpperCase())).toBe('type: T, port: P');
  });
});
