import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labState, MAX_LAB_YAML_BYTES, toRecord } from './lab-state.ts';
import { caseFragment, caseParam, decodeShare, encodeShare, fromBase64Url, sharePayload, shareUrl, toBase64Url } from './share.ts';
import { LAB_YAML, LESSON } from './test-fixtures.ts';

const state = labState(LAB_YAML, 8080, 'TCP');

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('share links', () => {
  it('round-trips the lab compressed, and the link is much shorter than the text', async () => {
    const fragment = await encodeShare(LESSON, state);
    expect(fragment).toMatch(/^lab=z\.[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(LAB_YAML.length * 0.75);
    expect(await decodeShare(sharePayload(`#${fragment}`) ?? '', LESSON)).toEqual({ ok: true, state });
  });

  it('round-trips the lab uncompressed', async () => {
    const fragment = await encodeShare(LESSON, state, { compress: false });
    expect(fragment).toMatch(/^lab=j\.[A-Za-z0-9_-]+$/);
    expect(await decodeShare(sharePayload(fragment) ?? '', LESSON)).toEqual({ ok: true, state });
  });

  it('round-trips any text, port and protocol', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 65535 }), fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const), fc.boolean(), async (yaml, port, protocol, compress) => {
        const s = labState(yaml, port, protocol);
        const payload = sharePayload(await encodeShare(LESSON, s, { compress })) ?? '';
        expect(await decodeShare(payload, LESSON)).toEqual({ ok: true, state: s });
      }),
      { numRuns: 60 },
    );
  });

  it('finds the payload among other fragment parameters, and builds the URL', () => {
    expect(sharePayload('#a=1&lab=j.abc&b=2')).toBe('j.abc');
    expect(sharePayload('#nothing')).toBeNull();
    expect(sharePayload('')).toBeNull();
    expect(shareUrl('https://x.org/lessons/a/lab/#old', 'lab=j.x')).toBe('https://x.org/lessons/a/lab/#lab=j.x');
    expect(shareUrl('https://x.org/lessons/a/lab/', 'lab=j.x')).toBe('https://x.org/lessons/a/lab/#lab=j.x');
  });

  it('base64url round-trips bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it.each([
    ['no encoding prefix', 'abc', 'damaged'],
    ['an unknown encoding', 'q.abc', 'damaged'],
    ['bad base64', 'j.a+b', 'damaged'],
    ['a broken escape', 'j.%E0%A4%A', 'damaged'],
    ['not JSON', `j.${toBase64Url(new TextEncoder().encode('not json'))}`, 'not valid JSON'],
    ['not UTF-8', `j.${toBase64Url(new Uint8Array([0xff, 0xfe, 0xfd]))}`, 'not valid text'],
    ['not deflate', `z.${toBase64Url(new Uint8Array([1, 2, 3, 4, 5]))}`, 'damaged'],
    ['another lesson', `j.${toBase64Url(new TextEncoder().encode(JSON.stringify(toRecord('other-lesson', state))))}`, 'another lesson'],
  ])('reports %s without throwing', async (_name, payload, message) => {
    const result = await decodeShare(payload, LESSON);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('reports a truncated link', async () => {
    const payload = sharePayload(await encodeShare(LESSON, state)) ?? '';
    const result = await decodeShare(payload.slice(0, payload.length / 2), LESSON);
    expect(result.ok).toBe(false);
  });

  it('stops decompressing a link that would expand past the limit', async () => {
    const bomb = await deflate(new Uint8Array(MAX_LAB_YAML_BYTES * 3));
    const result = await decodeShare(`z.${toBase64Url(bomb)}`, LESSON);
    expect(result).toEqual({ ok: false, error: 'the lab in the link is larger than the 1 MiB limit' });
  });

  it('never throws on arbitrary input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((s) => `z.${s}`), fc.string().map((s) => `j.${s}`)), async (payload) => {
        const result = await decodeShare(payload, LESSON);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('the open case in the URL', () => {
  it('reads the task id of #case=<id>, alone or beside a shared lab', () => {
    expect(caseParam('#case=selector-typo')).toBe('selector-typo');
    expect(caseParam('case=dns-egress')).toBe('dns-egress');
    expect(caseParam('#case=capstone&lab=z.abc')).toBe('capstone');
    expect(caseParam('#lab=j.abc&case=not-ready')).toBe('not-ready');
  });

  it('ignores a fragment without a case, and one whose value is not a task id', () => {
    expect(caseParam('')).toBeNull();
    expect(caseParam('#')).toBeNull();
    expect(caseParam('#lab=z.abc')).toBeNull();
    expect(caseParam('#task-selector-typo')).toBeNull();
    expect(caseParam('#case=')).toBeNull();
    expect(caseParam('#case=Selector')).toBeNull();
    expect(caseParam('#case=a--b')).toBeNull();
    expect(caseParam('#case=-a')).toBeNull();
    expect(caseParam('#case=%3Cscript%3E')).toBeNull();
    expect(caseParam('#case=<img src=x>')).toBeNull();
    expect(caseParam(`#case=${'a'.repeat(101)}`)).toBeNull();
    expect(caseParam(`#case=${'a'.repeat(100)}`)).toBe('a'.repeat(100));
    // The first case= parameter decides.
    expect(caseParam('#case=BAD&case=good')).toBeNull();
  });

  it('writes #case=<id>, before a share payload that still decodes', async () => {
    expect(caseFragment('dns-egress')).toBe('case=dns-egress');
    expect(caseFragment(undefined)).toBe('');
    expect(caseFragment(undefined, 'lab=j.x')).toBe('lab=j.x');
    expect(caseFragment('not an id', 'lab=j.x')).toBe('lab=j.x');
    const fragment = caseFragment('capstone', await encodeShare(LESSON, state));
    expect(fragment).toMatch(/^case=capstone&lab=z\./);
    expect(caseParam(`#${fragment}`)).toBe('capstone');
    expect(await decodeShare(sharePayload(`#${fragment}`) ?? '', LESSON)).toEqual({ ok: true, state });
    expect(shareUrl('https://x.example/lessons/l/lab/#case=old', fragment)).toBe(`https://x.example/lessons/l/lab/#${fragment}`);
  });

  it('never hangs or throws on hostile fragments', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (hash) => {
        const id = caseParam(hash);
        expect(id === null || (id.length <= 100 && /^[a-z0-9-]+$/.test(id))).toBe(true);
      }),
    );
    expect(caseParam(`#${'case=a&'.repeat(100_000)}`)).toBe('a');
  });
});
