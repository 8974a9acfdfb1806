/**
 * Every drill template, over many fixed seeds, checked by the simulator: the broken start fails its checks (so the
 * drill is a real fault), the solution passes them, and the symptom the learner sees is the real tool's failure.
 */
import { describe, expect, it } from 'vitest';
import { checkDrill } from './check.ts';
import { DRILL_TEMPLATES, drillForSeed, makeDrill } from './index.ts';
import { drillSymptom } from './symptom.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i * 7919);

describe.each(DRILL_TEMPLATES.map((template) => [template.id, template] as const))('%s', (id) => {
  it.each(SEEDS)('seed %i: the start fails, the solution passes', (seed) => {
    const drill = drillForSeed(id, seed)!;
    const start = checkDrill(drill, drill.start);
    expect(start.ok, JSON.stringify(start)).toBe(true);
    if (start.ok) expect(start.passed, JSON.stringify(start.outcomes)).toBe(false);
    const solved = checkDrill(drill, drill.solution);
    expect(solved, JSON.stringify(solved)).toMatchObject({ ok: true, passed: true });
  });
});

describe('seeds', () => {
  it('the same learner, template and review count give the same drill; the next review gives another', () => {
    for (const template of DRILL_TEMPLATES) {
      const a = makeDrill(template.id, 'learner-0001', 3)!;
      expect(makeDrill(template.id, 'learner-0001', 3)).toEqual(a);
      const variants = new Set([0, 1, 2, 3, 4, 5].map((n) => makeDrill(template.id, 'learner-0001', n)!.start + makeDrill(template.id, 'learner-0001', n)!.fixed));
      expect(variants.size, template.id).toBeGreaterThan(1);
    }
  });

  it('an unknown template makes no drill', () => {
    expect(makeDrill('nope', 'learner-0001', 0)).toBeUndefined();
  });
});

describe('the symptom is the real tool failing', () => {
  // Expected texts from upstream sources, not from the simulator:
  // - busybox 1.36 libbb/xconnect.c str2sockaddr(): bb_error_msg_and_die("bad address '%s'", host)
  // - busybox 1.36 libbb/xconnect.c xconnect(): bb_perror_msg_and_die("can't connect to remote host (%s)", ...) + strerror
  // - busybox 1.36 networking/wget.c: bb_simple_error_msg_and_die("download timed out")
  // - kubectl exec: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr(): "command terminated with exit code %d"
  const first = (id: string) => drillForSeed(id, 1000)!;

  it('selector typo: no endpoints, so the ClusterIP refuses', () => {
    const out = drillSymptom(first('selector-typo'));
    expect(out.output).toMatch(/^wget: can't connect to remote host \(10\.96\.\d+\.\d+\): Connection refused\ncommand terminated with exit code 1$/);
  });

  it('a short name in the wrong namespace: bad address', () => {
    const drill = first('cross-namespace-name');
    expect(drillSymptom(drill).output).toContain(`wget: bad address '${drill.start}:`);
  });

  it('a policy that allows the wrong label: the download times out', () => {
    expect(drillSymptom(first('policy-deny-by-label')).output).toMatch(/^wget: download timed out\n/);
  });

  it("a route the Gateway does not attach: the proxy's own 404, shown by curl -i (its body is empty)", () => {
    // Envoy answers an unmatched route itself with 404 and no body; it writes HTTP/1.1 header names in lower case
    // (https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_conn_man/header_casing). curl -i prints
    // the status line and headers (https://curl.se/docs/manpage.html#-i); without it an empty body prints nothing.
    const drill = first('route-not-attached');
    expect(drill.symptom.command).toMatch(/^curl -sSi /);
    const out = drillSymptom(drill).output;
    expect(out).toMatch(/^HTTP\/1\.1 404 Not Found\r?\n/);
    expect(out).toMatch(/^server: envoy\r?$/m);
  });

  it('DNS egress blocked: the name never resolves', () => {
    expect(drillSymptom(first('dns-egress-blocked')).output).toMatch(/^wget: bad address '/);
  });
});

describe('bad answers get a clear error, never a throw', () => {
  const drill = drillForSeed('selector-typo', 1000)!;
  it.each([
    ['empty', '', /empty/],
    ['not YAML', 'kind: [', /./],
    ['too long', 'x'.repeat(30_000), /too long/],
  ])('%s', (_name, answer, error) => {
    const result = checkDrill(drill, answer);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('a name drill refuses something that is not a DNS name', () => {
    const result = checkDrill(drillForSeed('cross-namespace-name', 1000)!, 'http://x y');
    expect(result).toMatchObject({ ok: false, error: /not a DNS name/ });
  });
});
