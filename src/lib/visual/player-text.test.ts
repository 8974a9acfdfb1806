import { describe, expect, it } from 'vitest';
import { captionParts, changedActors, completeTrackers, connectionSummary, sentence, shortName, stepCaption, type CaptionStep, type TrackedTrace } from './player-text.ts';

// Step texts in the shape the simulator writes them (src/lib/simulator/connect.ts), lesson 1's not-running branch.
const notRunning: CaptionStep[] = [
  { step: 1, action: 'pod-a asks DNS for "pod-b"', result: 'Query sent' },
  { step: 2, action: 'CoreDNS answers NXDOMAIN', result: 'NXDOMAIN' },
];

describe('captionParts', () => {
  it('leaves out a result the action already names ("CoreDNS answers NXDOMAIN")', () => {
    expect(captionParts(notRunning, 2, false).result).toBe('');
  });
  it('keeps a result that adds something', () => {
    const steps = [{ step: 1, action: 'Source node routes to the destination node', result: 'Sent to node-2 (172.18.0.3)' }];
    expect(captionParts(steps, 1, true)).toEqual({
      lead: 'Step 1 of 1: Source node routes to the destination node.',
      result: 'Sent to node-2 (172.18.0.3).',
      ending: 'The connection succeeded.',
    });
  });
});

describe('stepCaption', () => {
  it('counts the steps at the start', () => {
    expect(stepCaption(notRunning, 0, false)).toBe('Start: nothing has happened yet. 2 steps to go.');
  });
  it('says NXDOMAIN once, and where the connection failed', () => {
    const caption = stepCaption(notRunning, 2, false);
    expect(caption).toBe('Step 2 of 2: CoreDNS answers NXDOMAIN. The connection failed here.');
    expect(caption.match(/NXDOMAIN/g)).toHaveLength(1);
  });
  it('says a connection succeeded at its last step', () => {
    expect(stepCaption(notRunning.slice(0, 1), 1, true)).toBe('Step 1 of 1: pod-a asks DNS for "pod-b". Query sent. The connection succeeded.');
  });
  it('keeps the result apart, so a narrow player can leave it to the step card beside it', () => {
    expect(captionParts(notRunning, 1, false)).toEqual({ lead: 'Step 1 of 2: pod-a asks DNS for "pod-b".', result: 'Query sent.', ending: '' });
  });
  it('says nothing about the end before it', () => {
    expect(stepCaption(notRunning, 1, false)).toBe('Step 1 of 2: pod-a asks DNS for "pod-b". Query sent.');
  });
});

describe('sentence', () => {
  it.each([
    ['Query sent', 'Query sent.'],
    ['Done.', 'Done.'],
    ['  padded ', 'padded.'],
  ])('%s', (input, expected) => expect(sentence(input)).toBe(expected));
});

describe('shortName and connectionSummary', () => {
  it.each([
    ['default/pod-a', 'pod-a'],
    ['pod-b.default.svc.cluster.local', 'pod-b'],
    ['pod-b.default.svc', 'pod-b'],
    ['pod-b.other.svc.cluster.local', 'pod-b.other.svc.cluster.local'],
    ['other/pod-x', 'other/pod-x'],
    ['10.244.1.3', '10.244.1.3'],
  ])('%s in namespace default reads %s', (name, expected) => expect(shortName(name, 'default')).toBe(expected));

  it('names the connection as the client dials it, never the FQDN of its own namespace', () => {
    expect(connectionSummary('default/pod-a', 'pod-b.default.svc.cluster.local', 'TCP', 8080)).toBe('pod-a → pod-b on TCP port 8080');
    expect(connectionSummary('shop/web', 'db', 'TCP', 5432)).toBe('web → db on TCP port 5432 (namespace shop)');
    expect(connectionSummary('default/pod-a', 'pod-b', 'ICMP', 0)).toBe('pod-a → pod-b on ICMP');
  });
});

describe('completeTrackers', () => {
  const allow: TrackedTrace = {
    actors: ['pod-a', 'DNS', 'Network policy', 'pod-b'],
    initialState: { 'pod-a': 'Idle', DNS: 'Idle', 'Network policy': 'Not checked', 'pod-b': 'Idle' },
    steps: [{ state: { 'pod-a': 'Resolving name', DNS: 'Query received', 'Network policy': 'Not checked', 'pod-b': 'Idle' } }],
  };
  const short: TrackedTrace = { actors: ['pod-a', 'DNS'], initialState: { 'pod-a': 'Idle', DNS: 'Idle' }, steps: [{ state: { 'pod-a': 'Name not resolved', DNS: 'NXDOMAIN' } }] };

  it('gives every branch every actor, with the state the caller says for ones it never reaches', () => {
    const [, completed] = completeTrackers([allow, short], (actor) => (actor === 'pod-b' ? 'Pending, not ready' : 'Not checked'));
    expect(completed!.actors).toEqual(['pod-a', 'DNS', 'Network policy', 'pod-b']);
    expect(completed!.initialState['pod-b']).toBe('Pending, not ready');
    expect(completed!.steps[0]!.state).toEqual({ 'pod-a': 'Name not resolved', DNS: 'NXDOMAIN', 'Network policy': 'Not checked', 'pod-b': 'Pending, not ready' });
  });

  it('finds what changed at a step', () => {
    expect([...changedActors(allow, 1)]).toEqual(['pod-a', 'DNS']);
    expect(changedActors(allow, 0).size).toBe(0);
  });

  it('names a node source as the node, not its id', () => {
    expect(connectionSummary('node:node-2', 'default/pod-b', 'TCP', 8080)).toBe('node-2 (the node itself) → pod-b on TCP port 8080');
  });
});
