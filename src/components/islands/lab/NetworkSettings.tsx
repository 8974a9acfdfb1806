/**
 * The cluster's implementation choices, as the learner can switch them: kube-proxy's mode and the network
 * plugin's NetworkPolicy behaviour (what Kubernetes leaves to the cluster). Stateless: the lab owns the state.
 */
import { DEFAULT_LAB_NETWORK, LAB_POLICY_PLUGINS, LAB_PROXY_MODES, type LabNetwork } from '../../../lib/lab/lab-state.ts';

interface Props {
  /** The settings the lab's cluster runs with. */
  network: LabNetwork;
  /** Called with new settings. */
  onChange: (network: LabNetwork) => void;
  /** Prefix for element ids. */
  idPrefix: string;
}

const PROXY_LABELS: Record<LabNetwork['kubeProxyMode'], string> = {
  iptables: 'iptables (the default)',
  nftables: 'nftables (GA since v1.33)',
  ipvs: 'IPVS (deprecated in v1.35)',
};

const PLUGIN_LABELS: Record<LabNetwork['policyPlugin'], string> = {
  calico: 'Calico-like: enforces policies',
  cilium: 'Cilium-like: enforces; ipBlock never matches pods',
  none: 'None: policies stored, not enforced',
};

/** Two selects and a line saying what the cluster runs. */
export default function NetworkSettings({ network, onChange, idPrefix }: Props) {
  const isDefault = network.kubeProxyMode === DEFAULT_LAB_NETWORK.kubeProxyMode && network.policyPlugin === DEFAULT_LAB_NETWORK.policyPlugin;
  return (
    <fieldset class="lab-network">
      <legend>Cluster implementation</legend>
      <p class="muted" id={`${idPrefix}-hint`}>
        Kubernetes leaves these to the cluster; switch them to see what changes. {isDefault ? 'This is the course’s default cluster.' : 'Share links and saves keep your choice.'}
      </p>
      <label>
        kube-proxy mode{' '}
        <select
          value={network.kubeProxyMode}
          aria-describedby={`${idPrefix}-hint`}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            const mode = LAB_PROXY_MODES.find((m) => m === value);
            if (mode) onChange({ ...network, kubeProxyMode: mode });
          }}
        >
          {LAB_PROXY_MODES.map((mode) => (
            <option value={mode}>{PROXY_LABELS[mode]}</option>
          ))}
        </select>
      </label>
      <label>
        Network policy plugin{' '}
        <select
          value={network.policyPlugin}
          aria-describedby={`${idPrefix}-hint`}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            const plugin = LAB_POLICY_PLUGINS.find((p) => p === value);
            if (plugin) onChange({ ...network, policyPlugin: plugin });
          }}
        >
          {LAB_POLICY_PLUGINS.map((plugin) => (
            <option value={plugin}>{PLUGIN_LABELS[plugin]}</option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
