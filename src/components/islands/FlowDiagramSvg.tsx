/**
 * The process-flow diagram as SVG: nodes, pods, CoreDNS, policy checkpoints, the
 * cluster network, the request path and one numbered marker per step. Renders
 * on the server (no JavaScript) and inside the step-through player, where the
 * current step's marker and actor are highlighted.
 */
import type { FlowDiagram } from '../../lib/visual/flow-diagram.ts';

interface Props {
  /** The laid-out diagram. */
  diagram: FlowDiagram;
  /** Accessible title. */
  title: string;
  /** Accessible description (the steps in words). */
  description: string;
  /** Id prefix, unique on the page. */
  idPrefix: string;
  /** The step to highlight, if any. */
  current?: number | undefined;
  /** Called when a step marker is chosen (the player jumps there). */
  onStep?: ((step: number) => void) | undefined;
}

/** The flow diagram SVG. */
export default function FlowDiagramSvg({ diagram, title, description, idPrefix, current, onStep }: Props) {
  const currentAt = diagram.markers.find((marker) => marker.step === current)?.at;
  return (
    <svg
      class="flow-diagram"
      viewBox={`0 0 ${diagram.width} ${diagram.height}`}
      role="img"
      aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}
    >
      <title id={`${idPrefix}-title`}>{title}</title>
      <desc id={`${idPrefix}-desc`}>{description}</desc>
      <defs>
        <marker id={`${idPrefix}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="flow-arrowhead" />
        </marker>
      </defs>
      {diagram.boxes
        .filter((box) => box.kind !== 'policy')
        .map((box) => (
          <g class={`flow-box flow-${box.kind}${box.role ? ` flow-${box.role}` : ''}${box.dimmed ? ' flow-dimmed' : ''}${currentAt === box.id ? ' flow-current' : ''}`}>
            <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={box.kind === 'pod' ? 8 : 10} />
            <text x={box.x + 10} y={box.y + (box.kind === 'network' ? 22 : 20)} class="flow-label">
              {box.label}
              {box.dimmed ? ' (not ready)' : ''}
            </text>
            {box.sublabel && (
              <text x={box.x + 10} y={box.y + 38} class="flow-sublabel">
                {box.kind === 'node' ? `pod CIDR ${box.sublabel}` : box.sublabel}
              </text>
            )}
          </g>
        ))}
      {diagram.dnsPath && <path d={diagram.dnsPath} class="flow-path flow-dns-path" marker-end={`url(#${idPrefix}-arrow)`} />}
      {diagram.requestPath && <path d={diagram.requestPath} class="flow-path flow-request-path" marker-end={`url(#${idPrefix}-arrow)`} />}
      {diagram.boxes
        .filter((box) => box.kind === 'policy')
        .map((box) => (
          <g class={`flow-box flow-policy${currentAt === box.id ? ' flow-current' : ''}`}>
            <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={4} />
            <text x={box.x + 6} y={box.y + 13} class="flow-policy-label">
              {box.label}
            </text>
          </g>
        ))}
      {diagram.markers.map((marker) => (
        <g
          class={`flow-marker flow-marker-${marker.outcome}${marker.step === current ? ' flow-marker-current' : ''}`}
          data-step={marker.step}
          onClick={onStep ? () => onStep(marker.step) : undefined}
        >
          <circle cx={marker.x} cy={marker.y} r={11} />
          <text x={marker.x} y={marker.y + 4} text-anchor="middle">
            {marker.step}
          </text>
        </g>
      ))}
    </svg>
  );
}
