/**
 * Trace building: a stateful recorder that appends TraceSteps and snapshots the status tracker after each.
 * One TraceBuilder serves one connect() call; the result is plain serialisable data.
 */
import type { ConnectResult, PacketHeaders, PacketPlace, TracePhase, TraceStep } from './types.ts';

/** Input of TraceBuilder.add(): a step without its number and state snapshot, plus tracker updates. */
export interface StepInput {
  actor: string;
  action: string;
  details: string;
  result: string;
  outcome?: TraceStep['outcome'];
  phase: TracePhase;
  /** Tracker rows to update before the snapshot. */
  set?: Record<string, string>;
  /** The packet on the wire after this step; steps that move no packet leave it out. */
  packet?: PacketHeaders;
  /** Where the packet is after this step (datapath steps). */
  place?: PacketPlace;
}

/** Records steps and the status tracker for one connection. */
export class TraceBuilder {
  readonly steps: TraceStep[] = [];
  readonly actors: string[] = [];
  readonly initialState: Record<string, string> = {};
  private readonly current: Record<string, string> = {};
  private readonly transient = new Set<string>();
  private packetRows = false;

  /** Adds the tracker rows `Packet` and (for an overlay) `Outer packet`: the headers on the wire after each step. */
  showPackets(): void {
    this.packetRows = true;
  }

  /**
   * Declares a tracker row (in display order) with its "Start" value; repeated names are ignored. A `transient`
   * row (a node, the wire) shows what happens there at the step that sets it and falls back to its Start value
   * at the next step, as a packet passes through.
   */
  track(actor: string, initial: string, options: { transient?: boolean } = {}): void {
    if (this.actors.includes(actor)) return;
    this.actors.push(actor);
    this.initialState[actor] = initial;
    this.current[actor] = initial;
    if (options.transient) this.transient.add(actor);
  }

  /**
   * Completes the trace: orders the tracker rows (source pod, DNS, Service, Network policy, then the rest)
   * and gives every step a value for rows that were declared after it (their Start value).
   */
  finish(): void {
    // A transient row no step ever set (the packet never got there) is left out.
    for (const row of this.transient) {
      if (this.steps.some((s) => row in s.state && s.state[row] !== this.initialState[row])) continue;
      this.actors.splice(this.actors.indexOf(row), 1);
      delete this.initialState[row];
      for (const s of this.steps) delete s.state[row];
    }
    this.transient.clear();
    if (this.packetRows) this.addPacketRows();
    const first = this.actors[0];
    const middle = ['DNS', 'Service', 'Network policy'].filter((a) => this.actors.includes(a) && a !== first);
    const rest = this.actors.filter((a) => a !== first && !middle.includes(a));
    const ordered = [...(first === undefined ? [] : [first]), ...middle, ...rest];
    this.actors.splice(0, this.actors.length, ...ordered);
    for (const s of this.steps) {
      const full: Record<string, string> = {};
      for (const a of this.actors) full[a] = s.state[a] ?? this.initialState[a] ?? '';
      s.state = full;
    }
  }

  /** The packet rows: a step that moves no packet (a policy check) leaves the packet as it was. */
  private addPacketRows(): void {
    const encapsulated = this.steps.some((s) => s.packet?.outer);
    this.actors.push(PACKET_ROW);
    this.initialState[PACKET_ROW] = '–';
    if (encapsulated) {
      this.actors.push(OUTER_PACKET_ROW);
      this.initialState[OUTER_PACKET_ROW] = '–';
    }
    let last: PacketHeaders | undefined;
    for (const s of this.steps) {
      if (s.packet) last = s.packet;
      s.state[PACKET_ROW] = last ? packetText(last) : '–';
      if (encapsulated) s.state[OUTER_PACKET_ROW] = last?.outer ? outerPacketText(last.outer) : '–';
    }
  }

  /** Appends a step, updating tracker rows first; returns the step. */
  add(input: StepInput): TraceStep {
    for (const row of this.transient) this.current[row] = this.initialState[row] ?? '';
    if (input.set) {
      for (const [k, v] of Object.entries(input.set)) {
        if (!this.actors.includes(k)) this.track(k, 'Idle');
        this.current[k] = v;
      }
    }
    const step: TraceStep = {
      step: this.steps.length + 1,
      actor: input.actor,
      action: input.action,
      details: input.details,
      result: input.result,
      outcome: input.outcome ?? 'ok',
      state: { ...this.current },
      phase: input.phase,
    };
    if (input.packet) step.packet = { ...input.packet, ...(input.packet.outer ? { outer: { ...input.packet.outer } } : {}) };
    if (input.packet && !input.packet.outer) delete step.packet?.outer;
    if (input.place) step.place = { ...input.place, ...(input.place.through ? { through: [...input.place.through] } : {}) };
    this.steps.push(step);
    return step;
  }
}

/** The tracker row that shows the (inner) packet's headers after each step. */
export const PACKET_ROW = 'Packet';
/** The tracker row that shows the VXLAN outer header while the packet is encapsulated. */
export const OUTER_PACKET_ROW = 'Outer packet';

/** One address and port as `ip:port` (no port for ICMP). */
function endpoint(ip: string, port: number | undefined): string {
  return port === undefined ? ip : `${ip}:${port}`;
}

/** A packet's headers in a tracker cell, e.g. `10.244.0.5:41234 → 10.244.1.5:8080 TCP, TTL 63`. */
export function packetText(packet: PacketHeaders): string {
  return `${endpoint(packet.src, packet.srcPort)} → ${endpoint(packet.dst, packet.dstPort)} ${packet.protocol}, TTL ${packet.ttl}`;
}

/** A VXLAN outer header in a tracker cell, e.g. `172.18.0.2:40321 → 172.18.0.3:8472 UDP, VNI 1 (+50 B)`. */
export function outerPacketText(outer: NonNullable<PacketHeaders['outer']>): string {
  return `${endpoint(outer.src, outer.srcPort)} → ${endpoint(outer.dst, outer.dstPort)} UDP, VNI ${outer.vni}${outer.overhead ? ` (+${outer.overhead} B)` : ''}`;
}

/** The ordered status-tracker rows of a connect() result (what a renderer draws, top to bottom). */
export function trackerRows(result: Pick<ConnectResult, 'actors' | 'steps'>): string[] {
  if (result.actors.length) return [...result.actors];
  const rows: string[] = [];
  for (const s of result.steps) for (const k of Object.keys(s.state)) if (!rows.includes(k)) rows.push(k);
  return rows;
}

/** The status tracker as a table: one row per actor, columns Start + one per step. */
export function trackerTable(result: Pick<ConnectResult, 'actors' | 'steps' | 'initialState'>): { columns: string[]; rows: Array<{ actor: string; cells: string[] }> } {
  const columns = ['Start', ...result.steps.map((s) => `Step ${s.step}`)];
  const rows = trackerRows(result).map((actor) => ({
    actor,
    cells: [result.initialState[actor] ?? '', ...result.steps.map((s) => s.state[actor] ?? '')],
  }));
  return { columns, rows };
}
