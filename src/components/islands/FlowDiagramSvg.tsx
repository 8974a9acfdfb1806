/**
 * The process-flow diagram as SVG: nodes, pods, CoreDNS, the cluster network, the checks on the
 * pods' interfaces, the nodes' interfaces a datapath trace uses (the one the packet is on highlighted),
 * and the request's path hop by hop. Given a `current` step, the hops, markers
 * and stop marks of the steps so far are drawn, the current hop and its actor highlighted, and
 * later ones hidden (CSS reveals them all when scripts are off). Without `current` everything is
 * drawn. `FlowFigure` holds both layouts and lets a container query pick the one that fits.
 */
import type { FlowDiagram, Hop } from '../../lib/visual/flow-diagram.ts';
import { pathData } from '../../lib/visual/geometry.ts';
import type { Label } from '../../lib/visual/geometry.ts';

/** A diagram at both sizes. */
export interface FlowDiagrams {
  /** For a column 540 px wide or more. */
  wide: FlowDiagram;
  /** For a phone. */
  narrow: FlowDiagram;
}

interface Props {
  /** The laid-out diagram. */
  diagram: FlowDiagram;
  /** Accessible title. */
  title: string;
  /** Accessible description (the steps in words). */
  description: string;
  /** Id prefix, unique on the page. */
  idPrefix: string;
  /** The step reached (0 = none yet); undefined draws every step. */
  current?: number | undefined;
  /** Called when a step marker is chosen (the player jumps there). */
  onStep?: ((step: number) => void) | undefined;
}

/** Where a step stands relative to the one reached. */
function timeClass(step: number, current: number | undefined): string {
  if (current === undefined || step < current) return 'is-past';
  return step === current ? 'is-current' : 'is-future';
}

function Text({ label }: { label: Label }) {
  return (
    <text x={label.x} y={label.y} text-anchor={label.anchor} class={`flow-text${label.bold ? ' flow-text-bold' : ''}${label.muted ? ' flow-text-muted' : ''}`} font-size={label.size}>
      {label.text}
    </text>
  );
}

function arrowFor(hop: Hop, current: number | undefined, idPrefix: string): string | undefined {
  const isCurrent = hop.step === current;
  if (!isCurrent && !hop.last) return undefined;
  const tone = hop.outcome !== 'ok' ? 'bad' : isCurrent ? 'current' : hop.route === 'reply' ? 'reply' : 'ok';
  return `url(#${idPrefix}-arrow-${tone})`;
}

/** The flow diagram SVG. */
export default function FlowDiagramSvg({ diagram, title, description, idPrefix, current, onStep }: Props) {
  const currentAt = current === undefined ? undefined : diagram.markers.find((marker) => marker.step === current)?.at;
  const order = ['node', 'network', 'dns', 'pod'];
  const boxes = [...diagram.boxes].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return (
    <svg class="flow-diagram" viewBox={`0 0 ${diagram.width} ${diagram.height}`} role="img" aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`} data-width={diagram.width}>
      <title id={`${idPrefix}-title`}>{title}</title>
      <desc id={`${idPrefix}-desc`}>{description}</desc>
      <defs>
        {['ok', 'reply', 'current', 'bad'].map((tone) => (
          <marker id={`${idPrefix}-arrow-${tone}`} viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class={`flow-arrowhead flow-arrowhead-${tone}`} />
          </marker>
        ))}
      </defs>
      {boxes.map((box) => (
        <g class={`flow-box flow-${box.kind}${box.role ? ` flow-${box.role}` : ''}${box.dimmed ? ' flow-dimmed' : ''}${currentAt === box.id ? ' flow-current' : ''}`} data-box={box.id}>
          <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={box.kind === 'pod' ? 7 : 10} />
          {box.labels.map((label) => (
            <Text label={label} />
          ))}
        </g>
      ))}
      {diagram.ports?.map((port) => (
        <g class={`flow-port${current !== undefined && port.steps.includes(current) ? ' flow-current' : ''}`} data-port={port.id}>
          <rect x={port.x} y={port.y} width={port.width} height={port.height} rx={4} />
          <Text label={port.labels[0]!} />
        </g>
      ))}
      {diagram.hops.map((hop) => (
        <path
          d={pathData(hop.points)}
          class={`flow-hop flow-hop-${hop.route} flow-hop-${hop.outcome} ${timeClass(hop.step, current)}`}
          data-step={hop.step}
          marker-end={arrowFor(hop, current, idPrefix)}
        />
      ))}
      {diagram.checkpoints.map((checkpoint) => (
        <g class={`flow-check flow-check-${checkpoint.kind}${currentAt === checkpoint.id ? ' flow-current' : ''}`} data-check={checkpoint.id}>
          <rect x={checkpoint.x - 8} y={checkpoint.y - 7} width={16} height={14} rx={3} />
          {checkpoint.labels.map((label) => (
            <Text label={label} />
          ))}
        </g>
      ))}
      {diagram.stops.map((stop) => (
        <g class={`flow-stop ${timeClass(stop.step, current)}`} data-step={stop.step} aria-hidden="true">
          <circle cx={stop.x} cy={stop.y} r={8} />
          <path d={`M ${stop.x - 3.5} ${stop.y - 3.5} L ${stop.x + 3.5} ${stop.y + 3.5} M ${stop.x + 3.5} ${stop.y - 3.5} L ${stop.x - 3.5} ${stop.y + 3.5}`} />
        </g>
      ))}
      {diagram.markers.map((marker) => (
        <g
          class={`flow-marker flow-marker-${marker.outcome} ${timeClass(marker.step, current)}${marker.step === current ? ' flow-marker-current' : ''}`}
          data-step={marker.step}
          onClick={onStep ? () => onStep(marker.step) : undefined}
        >
          <circle cx={marker.x} cy={marker.y} r={9} />
          <text x={marker.x} y={marker.y + 4.3} text-anchor="middle" font-size={12.5}>
            {marker.step}
          </text>
        </g>
      ))}
      {diagram.notes.map((label) => (
        <Text label={label} />
      ))}
    </svg>
  );
}

interface FigureProps extends Omit<Props, 'diagram'> {
  /** The diagram at both sizes. */
  diagrams: FlowDiagrams;
}

/** Both layouts of a diagram; the one that fits its container is shown (a CSS container query). */
export function FlowFigure({ diagrams, idPrefix, ...rest }: FigureProps) {
  return (
    <div class="flow-sizes">
      <div class="flow-size flow-size-wide">
        <FlowDiagramSvg {...rest} diagram={diagrams.wide} idPrefix={`${idPrefix}-wide`} />
      </div>
      <div class="flow-size flow-size-narrow">
        <FlowDiagramSvg {...rest} diagram={diagrams.narrow} idPrefix={`${idPrefix}-narrow`} />
      </div>
    </div>
  );
}
