/**
 * The cluster's implementation choices, as the learner can switch them: kube-proxy's mode, the network
 * plugin's NetworkPolicy behaviour and flannel's backend (what Kubernetes leaves to the cluster). Settings a lab
 * starts with from lab.yaml (node routes, firewall rules, ranges) are kept as they are. Stateless: the lab owns the state.
 */
import { DEFAULT_LAB_NETWORK, LAB_DATAPATHS, LAB_POLICY_PLUGINS, LAB_PROXY_MODES, sameLabNetwork, type LabNetwork } from '../../../lib/lab/lab-state.ts';

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

const DATAPATH_LABELS: Record<(typeof LAB_DATAPATHS)[number], string> = {
  'host-gw': 'host-gw: routes to each node (the default)',
  vxlan: 'VXLAN: encapsulated in UDP 8472 (flannel.1)',
};

const PLUGIN_LABELS: Record<LabNetwork['policyPlugin'], string> = {
  calico: 'Calico-like: enforces policies',
  cilium: 'Cilium-like: enforces; ipBlock never matches pods',
  none: 'None: policies stored, not enforced',
};

/** Two selects and a line saying what the cluster runs. */
export default function NetworkSettings({ network, onChange, idPrefix }: Props) {
  const isDefault = sameLabNetwork(network, DEFAULT_LAB_NETWORK);
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
      <label>
        Egress policy sees Service traffic{' '}
        <select
          value={network.policyAfterDnat === false ? 'before' : 'after'}
          aria-describedby={`${idPrefix}-hint`}
          onChange={(event) => {
            const before = (event.currentTarget as HTMLSelectElement).value === 'before';
            const { policyAfterDnat: _, ...rest } = network;
            onChange(before ? { ...rest, policyAfterDnat: false } : rest);
          }}
        >
          <option value="after">after DNAT: pod IP, targetPort (Calico, Cilium)</option>
          <option value="before">before DNAT: ClusterIP, Service port</option>
        </select>
      </label>
      <label>
        Pod network backend{' '}
        <select
          value={network.datapath ?? 'host-gw'}
          aria-describedby={`${idPrefix}-hint`}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            const datapath = LAB_DATAPATHS.find((d) => d === value);
            if (datapath) onChange({ ...network, datapath });
          }}
        >
          {LAB_DATAPATHS.map((datapath) => (
            <option value={datapath}>{DATAPATH_LABELS[datapath]}</option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
