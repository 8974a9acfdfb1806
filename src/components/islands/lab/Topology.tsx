/**
 * The topology view: every node with its pod CIDR and the pods on it (IP, labels, ports), then the
 * Services and NetworkPolicies. Plain lists, so it reads well without sight; no state.
 */
import type { Topology as TopologyData, TopologyPod } from '../../../lib/lab/view.ts';

interface Props {
  /** What to draw. */
  topology: TopologyData;
}

function Pod({ pod }: { pod: TopologyPod }) {
  return (
    <li class={pod.system ? 'lab-pod lab-pod-system' : 'lab-pod'}>
      <span class="lab-pod-name">{pod.name}</span> <code class="lab-ip">{pod.ip || 'no IP'}</code>
      {pod.namespace !== 'default' && <span class="tag">{pod.namespace}</span>}
      {pod.phase !== 'Running' && <span class="tag lab-tag-warn">{pod.phase}</span>}
      {pod.system && <span class="tag">system</span>}
      {pod.labels.length > 0 && (
        <span class="lab-labels">
          <span class="visually-hidden">labels: </span>
          {pod.labels.map((label) => (
            <code class="lab-label">{label}</code>
          ))}
        </span>
      )}
      {pod.ports.length > 0 && <span class="lab-ports muted">listens on {pod.ports.join(', ')}</span>}
    </li>
  );
}

/** The topology. */
export default function Topology({ topology }: Props) {
  return (
    <div class="lab-topology">
      <ul class="lab-nodes" role="list">
        {topology.nodes.map((node) => (
          <li class="lab-node">
            <p class="lab-node-head">
              <strong>{node.name}</strong> <span class="muted">pods {node.podCIDR}, node IP {node.internalIP}</span>
            </p>
            {node.pods.length > 0 ? (
              <ul class="lab-pods" role="list">
                {node.pods.map((pod) => (
                  <Pod pod={pod} />
                ))}
              </ul>
            ) : (
              <p class="muted">No pods.</p>
            )}
          </li>
        ))}
        {topology.unscheduled.length > 0 && (
          <li class="lab-node">
            <p class="lab-node-head">
              <strong>Not scheduled</strong> <span class="muted">(Pending: no node)</span>
            </p>
            <ul class="lab-pods" role="list">
              {topology.unscheduled.map((pod) => (
                <Pod pod={pod} />
              ))}
            </ul>
          </li>
        )}
      </ul>
      <div class="lab-objects">
        <div>
          <p class="lab-objects-head">Services</p>
          <ul class="lab-object-list">
            {topology.services.map((service) => (
              <li class={service.system ? 'lab-object-system' : undefined}>
                <strong>{service.key}</strong> <span class="muted">{service.type}</span> <code>{service.clusterIP}</code> {service.ports.join(', ')}
                {' · '}
                selector <code>{service.selector}</code>
                {' · '}
                {service.endpoints.length > 0 ? `endpoints: ${service.endpoints.join(', ')}` : 'no ready endpoints'}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <p class="lab-objects-head">NetworkPolicies</p>
          {topology.policies.length > 0 ? (
            <ul class="lab-object-list">
              {topology.policies.map((policy) => (
                <li>
                  <strong>{policy.key}</strong>: selects <code>{policy.selects}</code> ({policy.pods.length > 0 ? policy.pods.map((pod) => pod.split('/')[1]).join(', ') : 'no pods'}); isolates{' '}
                  {policy.types.join(' and ')}; {policy.rules.ingress} ingress and {policy.rules.egress} egress rule{policy.rules.ingress + policy.rules.egress === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">None: every pod accepts and sends any traffic.</p>
          )}
        </div>
      </div>
    </div>
  );
}
