/** lesson.yaml `kind: http` traces: the schema, and the trace the player renders (computed by cluster.http on the lesson-8 edge fixture). */
import { describe, expect, it } from 'vitest';
import { namedTraceSchema, isHttpTrace } from './lesson-schema.ts';
import { createCluster } from '../simulator/cluster.ts';
import { EDGE_OPTIONS, EDGE_YAML } from '../simulator/l7/fixture.ts';
import { httpSummary } from '../visual/http-text.ts';

describe('kind: http traces', () => {
  it('parses the contract shape and refuses a non-http URL with a clear message', () => {
    const spec = namedTraceSchema.parse({ kind: 'http', label: 'GET www.shop.example/api/items', scenario: 'edge', from: 'external:198.51.100.7', url: 'http://www.shop.example/api/items', headers: { Host: 'www.shop.example' } });
    expect(isHttpTrace(spec)).toBe(true);
    const bad = namedTraceSchema.safeParse({ kind: 'http', scenario: 'edge', from: 'external:198.51.100.7', url: 'ftp://x/' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('must be an http:// URL such as http://www.shop.example/api/items');
  });
  it('the host-path trace has the tracker rows of the lesson brief and ends with the status on the HTTP row', () => {
    const r = createCluster(EDGE_YAML, EDGE_OPTIONS).http({ from: 'external:198.51.100.7', url: 'http://www.shop.example/api/items' });
    expect(r.actors).toEqual(['client (198.51.100.7)', 'external DNS', 'load balancer', 'gateway proxy', 'route table', 'Service/endpoints', 'backend pod', 'HTTP']);
    expect(r.steps.map((s) => s.phase)).toEqual(['dns', 'routing', 'l7', 'l7', 'l7', 'l7', 'service', 'delivery', 'response', 'response']);
    expect(r.steps.at(-1)?.state['client (198.51.100.7)']).toBe('200 received');
  });
  it('summarises the request for the player caption', () => {
    expect(httpSummary('external:198.51.100.7', 'GET', 'http://203.0.113.50/nope', 'admin.shop.example')).toBe('198.51.100.7 (outside the cluster) sends GET http://203.0.113.50/nope with Host: admin.shop.example');
  });
});
