import { describe, it, expect } from 'vitest';
import {
  errorBody,
  goJSON,
  goQuote,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  isStrictSubset,
  isValidCidrLegacy,
  isValidIP,
  isValidPathSegmentName,
  isValidPortName,
  parseCidrSloppy,
  parseIPv6,
  regexError,
  supportedValues,
} from './api-validation.ts';
import { kubectlTypeName, lookupKind, qualifiedKind } from './api-resources.ts';

// Expected strings follow kubernetes/apimachinery v0.35: pkg/util/validation/validation.go (RegexError,
// MaxLenError "characters", IsValidPortName), pkg/api/validate/content/kube.go (IsLabelKey's "prefix part"
// and "name part", MaxLenError "bytes"), pkg/util/validation/ip.go, pkg/util/validation/field/errors.go.

describe('format rules and their messages', () => {
  it('RegexError lists examples joined by " or ", each followed by ", "', () => {
    expect(regexError('m', 'f')).toBe("m (regex used for validation is 'f')");
    expect(regexError('m', 'f', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'f')");
  });

  it('DNS labels: length in characters first, dots named when the value is a subdomain', () => {
    expect(isDNS1123Label('a'.repeat(63))).toEqual([]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Subdomain('a.b')).toEqual([]);
    expect(isDNS1123Subdomain('A')[0]).toMatch(/^a lowercase RFC 1123 subdomain must consist of/);
  });

  it('qualified names (label keys): prefix and name parts, sizes in bytes', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Example.com/name')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    // An empty name also fails the name regex: IsLabelKey returns both messages.
    expect(isQualifiedName('a/')).toEqual(['name part must be non-empty', `name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]', 'MyName', 'my.name', '123-abc')}`]);
    expect(isQualifiedName('k'.repeat(64))).toEqual(['name part must be no more than 63 bytes']);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a valid label key must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
    expect(isLabelValue('')).toEqual([]);
    expect(isLabelValue('v'.repeat(64))).toEqual(['must be no more than 63 bytes']);
  });

  it('IANA service names (container port names) report every broken rule', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('-8080--')).toEqual([
      'must contain at least one letter (a-z)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
    expect(isValidPortName('metrics-exporter')).toEqual(['must be no more than 15 characters']);
  });

  it('path segment names (RBAC) allow colons but not slashes or percent signs', () => {
    expect(isValidPathSegmentName('system:controller:job')).toEqual([]);
    expect(isValidPathSegmentName('..')).toEqual(["may not be '..'"]);
    expect(isValidPathSegmentName('a/b%')).toEqual(["may not contain '/'", "may not contain '%'"]);
  });

  it('IPs and CIDRs are parsed leniently, as the legacy fields are (leading zeros allowed, a prefix required)', () => {
    expect(isValidIP('010.0.0.1')).toEqual([]);
    expect(isValidIP('2001:db8::1')).toEqual([]);
    expect(isValidIP('10.0.0.256')).toEqual(['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    expect(isValidCidrLegacy('10.0.0.0')).toEqual(['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
    expect(isValidCidrLegacy('10.0.0.5/8')).toEqual([]);
    expect(parseIPv6('::ffff:10.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]);
    expect(parseIPv6('1::2::3')).toBeNull();
  });

  it('except blocks must be strict subsets of the cidr, in either family', () => {
    const outer = parseCidrSloppy('10.0.0.0/16');
    const v6 = parseCidrSloppy('2001:db8::/32');
    expect(outer && v6).toBeTruthy();
    if (!outer || !v6) return;
    expect(isStrictSubset(outer, parseCidrSloppy('10.0.1.0/24') ?? outer)).toBe(true);
    expect(isStrictSubset(outer, outer)).toBe(false);
    expect(isStrictSubset(outer, parseCidrSloppy('10.1.0.0/24') ?? outer)).toBe(false);
    expect(isStrictSubset(v6, parseCidrSloppy('2001:db8:1::/48') ?? v6)).toBe(true);
    expect(isStrictSubset(v6, parseCidrSloppy('2001:db9::/48') ?? v6)).toBe(false);
    expect(isStrictSubset(outer, v6)).toBe(false);
  });

  it('field errors render as field.Error.ErrorBody does', () => {
    expect(errorBody({ type: 'Invalid value', field: 'f', value: 'x"y', detail: 'd' })).toBe('Invalid value: "x\\"y": d');
    expect(errorBody({ type: 'Invalid value', field: 'f', value: 5, detail: 'd' })).toBe('Invalid value: 5: d');
    expect(errorBody({ type: 'Required value', field: 'f', detail: '' })).toBe('Required value');
    expect(errorBody({ type: 'Forbidden', field: 'f', detail: 'no' })).toBe('Forbidden: no');
    expect(errorBody({ type: 'Duplicate value', field: 'f', value: 30080, detail: '' })).toBe('Duplicate value: 30080');
    expect(errorBody({ type: 'Unsupported value', field: 'f', value: 'X', detail: supportedValues(['A', 'B']) })).toBe('Unsupported value: "X": supported values: "A", "B"');
    // json.Marshal sorts map keys and escapes <, > and & (encoding/json's HTML-safe default).
    expect(goJSON({ b: '<', a: '&' })).toBe('{"a":"\\u0026","b":"\\u003c"}');
    expect(goQuote('tab\there')).toBe('"tab\\there"');
  });
});

describe('the served kinds', () => {
  it('serves GA versions of built-in groups only, and custom groups (which have a dot)', () => {
    expect(lookupKind('apps/v1', 'Deployment')?.namespaced).toBe(true);
    expect(lookupKind('apps/v1beta1', 'Deployment')).toBeNull();
    expect(lookupKind('extensions/v1beta1', 'Ingress')).toBeNull();
    expect(lookupKind('networking.k8s.io/v1beta1', 'Ingress')).toBeNull();
    expect(lookupKind('v1', 'Deploymnet')).toBeNull();
    expect(lookupKind('rbac.authorization.k8s.io/v1', 'ClusterRole')).toMatchObject({ namespaced: false, nameRule: 'path-segment' });
    expect(lookupKind('cert-manager.io/v1', 'Certificate')).toMatchObject({ group: 'cert-manager.io', namespaced: true });
    expect(lookupKind('certmanager/v1', 'Certificate')).toBeNull();
  });

  it('names kinds as kubectl prints them and as the API server quotes them', () => {
    expect(kubectlTypeName('', 'PersistentVolumeClaim')).toBe('persistentvolumeclaim');
    expect(kubectlTypeName('rbac.authorization.k8s.io', 'RoleBinding')).toBe('rolebinding.rbac.authorization.k8s.io');
    expect(qualifiedKind('apps', 'Deployment')).toBe('Deployment.apps');
    expect(qualifiedKind('', 'Pod')).toBe('Pod');
  });
});
