/**
 * `kubectl scale`: sets spec.replicas through the scale subresource, as kubectl v1.35 does (kubernetes/kubectl
 * pkg/cmd/scale/scale.go Validate and RunScale, pkg/scale/scale.go ScaleSimple and PreconditionError). The
 * controllers' work is the host's (cluster.ts scale): pods are created or deleted and EndpointSlices follow.
 * A ReplicaSet owned by a Deployment is scaled back at once by the deployment controller (its sync scales the
 * active ReplicaSet to the Deployment's replicas), so the simulator changes nothing and says so. Stateless.
 */
import { err, flag, isOut, last, NS_FLAGS, parseFlags, parseSelection, scopeOf, selectedDefs, visit, warningsFor } from './kubectl-args.ts';
import type { Out } from './kubectl-args.ts';
import type { KubectlHost } from './kubectl.ts';
import { dryRunOf } from './kubectl-expose.ts';
import { kindPrefix, resourceName } from './kinds/kind.ts';

const SCALE_FLAGS = [
  ...NS_FLAGS,
  { long: 'replicas', value: true },
  { long: 'current-replicas', value: true },
  { long: 'selector', short: 'l', value: true },
  { long: 'all', value: false },
  { long: 'dry-run', value: true },
  { long: 'output', short: 'o', value: true },
];

/** pflag's IntVar parse error, as cobra prints it. */
function intFlag(name: string, value: string): number | Out {
  if (!/^[+-]?\d+$/.test(value)) return err(`error: invalid argument "${value}" for "--${name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax\nSee 'kubectl scale --help' for usage.`);
  return Number(value);
}

/** Runs `kubectl scale` (tokens after the verb). */
export function cmdScale(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('scale', tokens, SCALE_FLAGS);
  if (isOut(p)) return p;
  // cmd.MarkFlagRequired("replicas"): cobra's ValidateRequiredFlags runs before Run.
  const replicasFlag = last(p, 'replicas');
  if (replicasFlag === undefined) return err('error: required flag(s) "replicas" not set');
  const replicas = intFlag('replicas', replicasFlag);
  if (isOut(replicas)) return replicas;
  const currentFlag = last(p, 'current-replicas');
  const current = currentFlag === undefined ? -1 : intFlag('current-replicas', currentFlag);
  if (isOut(current)) return current;
  const dryRun = dryRunOf(last(p, 'dry-run'));
  if (isOut(dryRun)) return dryRun;
  const output = last(p, 'output') ?? '';
  if (output !== '' && output !== 'name') return err(`error: -o ${output} is not simulated for scale here; use -o name`);
  if (replicas < 0) return err('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (current < -1) return err('error: The --current-replicas must specify an integer of -1 or greater');
  if (dryRun === 'server') return err('error: --dry-run=server is not simulated here; use --dry-run=client');
  const state = host.state();
  if (p.args.length === 0) return err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const sel = parseSelection(state, p.args);
  if (isOut(sel)) return sel;
  const scope = scopeOf(p);
  if (isOut(scope)) return scope;
  if (flag(p, 'all') && scope.selector !== null) return err('error: cannot set --all and --selector at the same time');
  const visited = visit(state, sel, scope, { allowEmptySelector: flag(p, 'all'), selectAll: flag(p, 'all') });
  if (isOut(visited)) return visited;
  const warn = warningsFor(selectedDefs(sel));
  const errors = visited.errors.map((e) => `${e}\n`).join('');
  if (visited.infos.length === 0) return { stdout: '', stderr: warn + (errors || 'error: no objects passed to scale\n'), exitCode: 1 };
  let stdout = '';
  let notes = '';
  const done = (suffix: string, name: string) => (output === 'name' ? `${name}\n` : `${name} scaled${suffix}\n`);
  for (const { def, entry } of visited.infos) {
    const name = `${kindPrefix(def)}/${entry.name}`;
    if (dryRun === 'client') {
      stdout += done(' (dry run)', name);
      continue;
    }
    const o = def.object(entry, state);
    const spec = (o.spec ?? {}) as { replicas?: unknown };
    // Only workloads with a scale subresource answer; any other resource's /scale is a 404 (client-go's
    // NewGenericServerResponse: "the server could not find the requested resource (<verb> <resource> <name>)").
    const scalable = def.group === 'apps' && (def.kind === 'Deployment' || def.kind === 'ReplicaSet' || def.kind === 'StatefulSet');
    if (!scalable) return { stdout, stderr: `${warn}Error from server (NotFound): the server could not find the requested resource (${current === -1 ? 'patch' : 'get'} ${resourceName(def)} ${entry.name})\n`, exitCode: 1 };
    const now = typeof spec.replicas === 'number' ? spec.replicas : 1;
    if (current !== -1 && now !== current) return { stdout, stderr: `${warn}error: Expected replicas to be ${current}, was ${now}\n`, exitCode: 1 };
    const md = (o.metadata ?? {}) as { ownerReferences?: Array<{ kind?: string; name?: string }> };
    const owner = def.kind === 'ReplicaSet' ? md.ownerReferences?.find((r) => r.kind === 'Deployment') : undefined;
    if (owner) {
      if (replicas !== now) notes += `[simulator] Deployment ${owner.name} owns ${name}: the deployment controller scales it back to ${now} at once; scale the Deployment instead.\n`;
    } else if (!host.scale) return err('error: this cluster cannot scale workloads');
    else {
      const e = host.scale({ kind: def.kind, group: def.group, namespace: entry.namespace, name: entry.name }, replicas);
      if (e) return { stdout, stderr: `${warn}${e}\n`, exitCode: 1 };
    }
    stdout += done('', name);
  }
  return { stdout, stderr: warn + errors + notes, exitCode: errors ? 1 : 0 };
}
