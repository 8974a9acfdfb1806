/**
 * Manifest validation of the L7 kinds. Gateway API objects (GatewayClass, Gateway, HTTPRoute, ReferenceGrant)
 * are custom resources: the version must be one the v1.6.1 CRD serves, then validate.ts checks them against the
 * installed channel's schema and defaults them. Ingress and IngressClass (networking.k8s.io/v1) are built in:
 * strictly decoded (api-schema.ts), then checked with the rules of kubernetes v1.35
 * pkg/apis/networking/validation/validation.go (ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath,
 * validateIngressBackend, validateIngressClassSpec). All are kept as stored objects; the evaluator reads them.
 */
import type { KindInfo } from '../api-resources.ts';
import { goQuote, isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, parseIPv4Sloppy } from '../api-validation.ts';
import { arr, has, metadata, obj, str, stored } from '../manifest-context.ts';
import type { Ctx, Obj, ObjectRef } from '../manifest-context.ts';
import { ManifestError } from '../manifest-error.ts';
import type { FieldPath } from '../manifest-yaml.ts';
import type { StoredObjectModel } from '../types.ts';
import { gatewayCrd, installedGatewayCrds } from './crds.ts';
import type { GatewayChannel } from './crd-types.ts';
import { validateCustomResource } from './validate.ts';

/**
 * A Gateway API object: `no matches for kind` when the channel installs no CRD of that kind (or none at all), or
 * for a version the CRD does not serve; else validated against the channel's schema and defaulted.
 */
export function parseGatewayObject(ctx: Ctx, ref: ObjectRef, raw: Obj, info: KindInfo, channel: GatewayChannel | 'none'): StoredObjectModel {
  const crd = installedGatewayCrds(channel).find((c) => c.kind === info.kind && c.crd.group === info.group)?.crd;
  const apiVersion = str(raw.apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  // Without the CRDs the API server has no such kind (kubectl adds "ensure CRDs are installed first").
  if (!crd || !crd.versions.includes(version) || channel === 'none') {
    const pos = ref.locate([...ref.prefix, 'apiVersion']);
    const hint = channel === 'none'
      ? '\nensure CRDs are installed first (this simulated cluster has no Gateway API CRDs: cluster option gatewayChannel installs them)'
      : !crd && gatewayCrd(info.group, info.kind)?.experimentalOnly ? '\nensure CRDs are installed first (only the Experimental channel installs this CRD: cluster option gatewayChannel)' : '';
    throw new ManifestError(`no matches for kind ${goQuote(info.kind)} in version ${goQuote(apiVersion)}${hint}`, {
      documentIndex: ref.doc, line: pos?.line ?? null, column: pos?.column ?? null, path: 'apiVersion', kind: info.kind, group: info.group, name: ctx.name, reason: 'NoMatch', complete: true,
    });
  }
  const md = metadata(ctx, raw, { ...info, namespaced: crd.namespaced });
  const defaulted = validateCustomResource(ctx, ref, raw, crd.schema, channel, version);
  celRules(ctx, info.kind, defaulted);
  return stored(defaulted, { ...info, namespaced: crd.namespaced }, md);
}

/**
 * The few x-kubernetes-validations (CEL) rules of the v1.6.1 CRDs that lessons meet, with their messages:
 * HTTPRoute backendRefs to a Service need a port; RequestRedirect and URLRewrite exclude each other in a rule;
 * Gateway listener names are unique. The others are not evaluated.
 */
function celRules(ctx: Ctx, kind: string, o: Obj): void {
  const spec = obj(o.spec);
  if (kind === 'HTTPRoute') {
    arr(spec.rules).forEach((r, i) => {
      const rule = obj(r);
      arr(rule.backendRefs).forEach((b, j) => {
        const ref = obj(b);
        if ((str(ref.group) === '' && (str(ref.kind) || 'Service') === 'Service') && !has(ref.port)) ctx.invalid(['spec', 'rules', i, 'backendRefs', j], 'object', 'Must have port for Service reference');
      });
      const types = arr(rule.filters).map((f) => str(obj(f).type));
      if (types.includes('RequestRedirect') && types.includes('URLRewrite')) ctx.invalid(['spec', 'rules', i, 'filters'], 'array', 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both');
    });
  }
  if (kind === 'Gateway') {
    const names = arr(spec.listeners).map((l) => str(obj(l).name));
    if (new Set(names).size !== names.length) ctx.invalid(['spec', 'listeners'], 'array', 'Listener name must be unique within the Gateway');
  }
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** validateIngressBackend: exactly one of service/resource; a service needs a name and one of port name/number. */
function ingressBackend(ctx: Ctx, b: Obj, loc: FieldPath): void {
  const service = has(b.service);
  const resource = has(b.resource);
  if (service && resource) ctx.invalid(loc, '', 'cannot set both resource and service backends');
  if (resource) {
    const r = obj(b.resource);
    if (str(r.kind) === '') ctx.required([...loc, 'resource', 'kind'], 'kind is required');
    if (str(r.name) === '') ctx.required([...loc, 'resource', 'name'], 'name is required');
    return;
  }
  if (!service) ctx.invalid(loc, '', 'resource or service backend is required');
  const s = obj(b.service);
  const name = str(s.name);
  if (name === '') ctx.required([...loc, 'service', 'name']);
  ctx.check([...loc, 'service', 'name'], name, isDNS1035Label(name));
  const port = obj(s.port);
  const portName = str(port.name);
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName && portNumber) ctx.invalid(loc, '', 'cannot set both port name & port number');
  else if (portName) ctx.check([...loc, 'service', 'port', 'name'], portName, isValidPortName(portName));
  else if (portNumber) ctx.check([...loc, 'service', 'port', 'number'], portNumber, isValidPortNum(portNumber));
  else ctx.required(loc, 'port name or number is required');
}

/** A wildcard host `*.foo.example`: IsWildcardDNS1123Subdomain. */
function wildcardMessages(host: string): string[] {
  if (!host.startsWith('*.') || isDNS1123Subdomain(host.slice(2)).length) {
    return ["a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"];
  }
  return [];
}

/** ValidateIngressSpec + validateIngressRules + validateHTTPIngressPath (networking/validation.go). */
export function parseIngress(ctx: Ctx, raw: Obj, info: KindInfo): StoredObjectModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const rules = arr(spec.rules);
  if (rules.length === 0 && !has(spec.defaultBackend)) ctx.invalid(['spec'], 'rules', 'either `defaultBackend` or `rules` must be specified');
  if (has(spec.defaultBackend)) ingressBackend(ctx, obj(spec.defaultBackend), ['spec', 'defaultBackend']);
  if (has(spec.ingressClassName)) ctx.check(['spec', 'ingressClassName'], str(spec.ingressClassName), isDNS1123Subdomain(str(spec.ingressClassName)));
  rules.forEach((r, i) => {
    const rule = obj(r);
    const host = str(rule.host);
    const p: FieldPath = ['spec', 'rules', i];
    if (host) {
      if (parseIPv4Sloppy(host)) ctx.invalid([...p, 'host'], host, 'must be a DNS name, not an IP address');
      if (host.includes('*')) ctx.check([...p, 'host'], host, wildcardMessages(host));
      else ctx.check([...p, 'host'], host, isDNS1123Subdomain(host));
    }
    if (!has(rule.http)) return;
    const paths = arr(obj(rule.http).paths);
    if (paths.length === 0) ctx.required([...p, 'http', 'paths']);
    paths.forEach((x, j) => {
      const path = obj(x);
      const pp: FieldPath = [...p, 'http', 'paths', j];
      const type = str(path.pathType);
      if (!type) ctx.required([...pp, 'pathType'], 'pathType must be specified');
      if (!PATH_TYPES.includes(type)) ctx.unsupported([...pp, 'pathType'], type, PATH_TYPES);
      const value = str(path.path);
      if ((type === 'Exact' || type === 'Prefix') && !value.startsWith('/')) ctx.invalid([...pp, 'path'], value, 'must be an absolute path');
      if (type === 'Exact' || type === 'Prefix') {
        for (const bad of ['//', '/./', '/../', '%2f', '%2F']) if (value.includes(bad)) ctx.invalid([...pp, 'path'], value, `must not contain '${bad}'`);
        for (const bad of ['/..', '/.']) if (value.endsWith(bad)) ctx.invalid([...pp, 'path'], value, `cannot end with '${bad}'`);
      }
      ingressBackend(ctx, obj(path.backend), [...pp, 'backend']);
    });
  });
  return stored(raw, info, md);
}

/** validateIngressClassSpec: a controller is required (a domain-prefixed path of at most 250 characters). */
export function parseIngressClass(ctx: Ctx, raw: Obj, info: KindInfo): StoredObjectModel {
  const md = metadata(ctx, raw, info);
  const controller = str(obj(raw.spec).controller);
  if (controller === '') ctx.required(['spec', 'controller']);
  if (controller.length > 250) ctx.fail(['spec', 'controller'], 'Too long', controller, 'may not be more than 250 bytes');
  return stored(raw, info, md);
}
