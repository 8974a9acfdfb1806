/**
 * The status the simulator's controllers write (gatewayclass_types.go, gateway_types.go, shared_types.go at v1.6.1):
 * GatewayClass `Accepted`; Gateway `Accepted`, `Programmed` (an address and a ready proxy pod: the data plane is
 * there), `status.addresses`, and per listener `attachedRoutes`, `supportedKinds` and the conditions `Accepted`,
 * `Conflicted`, `Programmed`, `ResolvedRefs`; HTTPRoute `status.parents[]` with `Accepted` and `ResolvedRefs` for each
 * parentRef naming a Gateway the controller owns. Objects no simulated controller owns keep the CRD's default status
 * (Accepted/Programmed Unknown, reason Pending, "Waiting for controller"). Ingress `status.loadBalancer` gets the
 * controller's address. Condition messages are the simulator controller's own (implementation-specific).
 */
import { FIXED_TIMESTAMP } from '../kubectl-format.ts';
import type { ClusterState } from '../state.ts';
import type { StoredObjectModel } from '../types.ts';
import { attachments, gatewayControllers, listenerVerdicts, ownedClass, routesOn } from './attachment.ts';
import { resolvedRefs } from './backends.ts';
import { gatewayDataPlane, ingressDataPlane } from './dataplane.ts';
import { ingressClassOf } from './ingress.ts';
import { l7Model } from './model.ts';

type Obj = Record<string, unknown>;

/** One metav1.Condition as a controller writes it. */
export function condition(type: string, status: string, reason: string, message: string): Obj {
  return { lastTransitionTime: FIXED_TIMESTAMP, message, observedGeneration: 1, reason, status, type };
}

function gatewayClassStatus(state: ClusterState, o: StoredObjectModel): Obj | null {
  const cls = l7Model(state).classes.find((c) => c.name === o.name);
  if (!cls || !gatewayControllers(state).includes(cls.controllerName)) return null;
  return { conditions: [condition('Accepted', 'True', 'Accepted', 'GatewayClass is accepted')] };
}

function gatewayStatus(state: ClusterState, o: StoredObjectModel): Obj | null {
  const gw = l7Model(state).gateways.find((g) => g.namespace === o.namespace && g.name === o.name);
  if (!gw || !ownedClass(state, gw.className)) return null;
  const plane = gatewayDataPlane(state, gw);
  const ready = plane.pods.some((p) => p.ready && !p.terminating);
  const verdicts = listenerVerdicts(gw);
  const invalid = verdicts.filter((v) => v.problem?.condition === 'Accepted');
  const programmed = !plane.address ? condition('Programmed', 'False', 'AddressNotAssigned', 'No LoadBalancer Service with an address carries the label gateway.networking.k8s.io/gateway-name for this Gateway') : !ready ? condition('Programmed', 'False', 'NoResources', 'No ready proxy pod for this Gateway') : condition('Programmed', 'True', 'Programmed', 'Gateway is programmed');
  const accepted = invalid.length === verdicts.length && verdicts.length > 0 ? condition('Accepted', 'False', 'ListenersNotValid', 'No listener is valid') : condition('Accepted', 'True', 'Accepted', invalid.length ? 'Gateway is accepted; some listeners are invalid' : 'Gateway is accepted');
  const status: Obj = {};
  if (plane.address) status.addresses = [{ type: 'IPAddress', value: plane.address }];
  status.conditions = [accepted, programmed];
  status.listeners = verdicts.map((v) => {
    const attached = v.problem?.condition === 'Accepted' ? 0 : routesOn(state, gw, v.listener).length;
    const okProgrammed = v.problem === null && programmed.status === 'True';
    return {
      attachedRoutes: attached,
      conditions: [
        v.problem?.condition === 'Accepted' ? condition('Accepted', 'False', v.problem.reason, v.problem.message) : condition('Accepted', 'True', 'Accepted', 'Listener is accepted'),
        condition('Conflicted', 'False', 'NoConflicts', 'No conflicts'),
        okProgrammed ? condition('Programmed', 'True', 'Programmed', 'Listener is programmed') : condition('Programmed', 'False', v.problem ? 'Invalid' : 'Pending', v.problem ? 'Listener is invalid' : 'The Gateway is not programmed'),
        v.problem?.condition === 'ResolvedRefs' ? condition('ResolvedRefs', 'False', v.problem.reason, v.problem.message) : condition('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Listener'),
      ],
      name: v.listener.name,
      supportedKinds: v.supportedKinds.map((k) => ({ group: k.group, kind: k.kind })),
    };
  });
  return status;
}

function routeStatus(state: ClusterState, o: StoredObjectModel): Obj | null {
  const entry = attachments(state).find((a) => a.route.namespace === o.namespace && a.route.name === o.name);
  if (!entry || entry.parents.length === 0) return null;
  const refs = resolvedRefs(state, entry.route);
  return {
    parents: entry.parents.map((p) => {
      const parentRef: Obj = { ...p.ref.raw };
      return {
        conditions: [condition('Accepted', p.accepted.status, p.accepted.reason, p.accepted.message), condition('ResolvedRefs', refs.status, refs.reason, refs.message)],
        controllerName: l7Model(state).classes.find((c) => c.name === p.gateway.className)?.controllerName ?? '',
        parentRef,
      };
    }),
  };
}

function ingressStatus(state: ClusterState, o: StoredObjectModel): Obj | null {
  const ing = l7Model(state).ingresses.find((i) => i.namespace === o.namespace && i.name === o.name);
  const cls = ing ? ingressClassOf(state, ing) : undefined;
  if (!ing || !cls) return null;
  const plane = ingressDataPlane(state, cls.name);
  return { loadBalancer: plane.address ? { ingress: [{ ip: plane.address }] } : {} };
}

/** The object with the status a simulated controller wrote (or the CRD's default status when none owns it). */
export function withStatus(state: ClusterState, o: StoredObjectModel, object: Obj): Obj {
  const compute = o.kind === 'GatewayClass' ? gatewayClassStatus : o.kind === 'Gateway' ? gatewayStatus : o.kind === 'HTTPRoute' ? routeStatus : o.kind === 'Ingress' ? ingressStatus : null;
  if (!compute) return object;
  const status = compute(state, o);
  return status ? { ...object, status } : object;
}
