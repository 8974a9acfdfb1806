/**
 * The API server's format rules and their exact messages (Kubernetes v1.35), as pure functions:
 * each `is…` function returns the messages the real validator returns (empty when valid), and
 * `FieldError` renders a field error the way `field.Error.ErrorBody()` does.
 *
 * Sources (kubernetes/apimachinery v0.35): pkg/util/validation/validation.go (DNS names, port names and
 * numbers, MaxLenError "characters", RegexError), pkg/api/validate/content/kube.go + errors.go (label keys
 * and values, MaxLenError "bytes"), pkg/util/validation/ip.go (IPs, CIDRs), pkg/api/validation/path/name.go
 * (path segment names), pkg/util/validation/field/errors.go (ErrorBody, NotSupported), and
 * pkg/api/errors/errors.go (NewInvalid: `<Kind>[.<group>] "<name>" is invalid: <field>: <body>`).
 */
import { utf8Length } from '../utf8-length.ts';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;

const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const LABEL_KEY = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** `validation.RegexError`: the message, the examples and the regex. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** `validation.MaxLenError` (util/validation counts "characters"; the content package says "bytes"). */
function maxLen(n: number, unit: 'characters' | 'bytes'): string {
  return `must be no more than ${n} ${unit}`;
}

/** `validation.InclusiveRangeError`. */
export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

// A regex runs only on values short enough to be valid: the length message comes first anyway, and no
// regex ever scans a megabyte-long hostile string.

/** `validation.IsDNS1123Label` (names of namespaces, containers, Service ports; hostnames). */
export function isDNS1123Label(value: string): string[] {
  if (utf8Length(value) > 63) return [maxLen(63, 'characters')];
  if (DNS1123_LABEL.test(value)) return [];
  return [DNS1123_SUBDOMAIN.test(value) ? 'must not contain dots' : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc')];
}

/** `validation.IsDNS1123Subdomain` (most object names); `unit` is "bytes" for the content package's copy. */
export function isDNS1123Subdomain(value: string, unit: 'characters' | 'bytes' = 'characters'): string[] {
  if (utf8Length(value) > 253) return [maxLen(253, unit)];
  return DNS1123_SUBDOMAIN.test(value) ? [] : [regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com')];
}

/** `validation.IsDNS1035Label` (Service names). */
export function isDNS1035Label(value: string): string[] {
  if (utf8Length(value) > 63) return [maxLen(63, 'characters')];
  return DNS1035_LABEL.test(value) ? [] : [regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123')];
}

/** `content.IsLabelKey` (= `IsQualifiedName`): label keys, annotation keys, selector keys. */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/', 3);
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) name = parts[0] ?? '';
  else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix, 'bytes').map((m) => `prefix part ${m}`));
  } else {
    return [`a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (utf8Length(name) > 63) {
    errs.push(`name part ${maxLen(63, 'bytes')}`);
    return errs;
  }
  if (!LABEL_KEY.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** `content.IsLabelValue`. */
export function isLabelValue(value: string): string[] {
  if (utf8Length(value) > 63) return [maxLen(63, 'bytes')];
  return LABEL_VALUE.test(value) ? [] : [regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345')];
}

/** `validation.IsValidPortName` (IANA_SVC_NAME: container port names and named target ports; at most 15). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLen(15, 'characters'));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** `validation.IsValidPortNum`: 1–65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRange(1, 65535)];
}

/** `path.IsValidPathSegmentName` (names of RBAC objects, which may contain ':'). */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
}

/** Parses an IPv4 address as Go's `netutils.ParseIPSloppy` does (leading zeros allowed); null when invalid. */
export function parseIPv4Sloppy(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Parses an IPv6 address (RFC 4291 text forms, with an optional embedded IPv4 tail) into 8 groups, or null. */
export function parseIPv6(text: string): number[] | null {
  if (text.length > 45 || !text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  let s = text;
  let tail: number[] = [];
  if (s.includes('.')) {
    const i = s.lastIndexOf(':');
    const v4 = parseIPv4Sloppy(s.slice(i + 1));
    if (!v4) return null;
    tail = [((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0)];
    s = s.slice(0, i + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const want = 8 - tail.length;
  const dbl = s.indexOf('::');
  let words: number[];
  if (dbl >= 0) {
    if (s.indexOf('::', dbl + 1) >= 0) return null;
    const left = groups(s.slice(0, dbl));
    const right = groups(s.slice(dbl + 2));
    if (!left || !right || left.length + right.length > want - 1) return null;
    words = [...left, ...new Array<number>(want - left.length - right.length).fill(0), ...right];
  } else {
    const all = groups(s);
    if (!all || all.length !== want) return null;
    words = all;
  }
  return [...words, ...tail];
}

/** The API server's IP message for the fields it parses leniently (`IsValidIPForLegacyField`; StrictIPCIDRValidation is off in v1.35). */
export function isValidIP(value: string): string[] {
  return parseIPv4Sloppy(value) || parseIPv6(value) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

/** A parsed CIDR (either family) as big integers, for containment checks. */
export interface ParsedCidr {
  v6: boolean;
  /** Network address with host bits cleared. */
  network: bigint;
  /** The address as written (host bits possibly set). */
  address: bigint;
  prefix: number;
}

function toBig(words: number[], bits: number): bigint {
  let n = 0n;
  for (const w of words) n = (n << BigInt(bits)) | BigInt(w);
  return n;
}

/** Parses a CIDR as Go's `netutils.ParseCIDRSloppy` does (a prefix length is required); null when invalid. */
export function parseCidrSloppy(value: string): ParsedCidr | null {
  const slash = value.indexOf('/');
  if (slash < 0) return null;
  const addr = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const v4 = parseIPv4Sloppy(addr);
  const v6 = v4 ? null : parseIPv6(addr);
  if (!v4 && !v6) return null;
  const bits = v4 ? 32 : 128;
  if (prefix > bits) return null;
  const address = v4 ? toBig(v4, 8) : toBig(v6 ?? [], 16);
  const hostBits = BigInt(bits - prefix);
  const network = (address >> hostBits) << hostBits;
  return { v6: !v4, network, address, prefix };
}

/** The API server's CIDR messages for the fields it parses leniently (ipBlock, podCIDRs, source ranges: StrictIPCIDRValidation is off in v1.35). */
export function isValidCidrLegacy(value: string): string[] {
  return parseCidrSloppy(value) ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}

/** True when `inner` is a strict subset of `outer` (NetworkPolicy `except`): same family, inside, longer prefix. */
export function isStrictSubset(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.v6 !== inner.v6 || outer.prefix >= inner.prefix) return false;
  const hostBits = BigInt((outer.v6 ? 128 : 32) - outer.prefix);
  return (inner.address >> hostBits) << hostBits === outer.network;
}

/** The kinds of field error, as `field.ErrorType.String()` prints them. */
export type FieldErrorType = 'Invalid value' | 'Required value' | 'Unsupported value' | 'Forbidden' | 'Duplicate value' | 'Too long' | 'Too many' | 'Not found';

const SHOWS_VALUE = new Set<FieldErrorType>(['Invalid value', 'Unsupported value', 'Duplicate value', 'Not found', 'Too many']);

/** Longest rendering of a bad value in a message (the API server prints it whole; hostile values are cut). */
const MAX_VALUE_TEXT = 1000;

/** Go's `strconv.Quote` for the strings that appear in messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's `json.Marshal` of plain data: map keys sorted, `<`, `>`, `&` escaped as encoding/json does. */
export function goJSON(v: unknown): string {
  const text = JSON.stringify(v, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(val).sort()) sorted[key] = (val as Record<string, unknown>)[key];
      return sorted;
    }
    return val;
  });
  return (text ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** A Go struct rendered by json.Marshal: fields in declaration order (a plain object keeps its key order). */
export class GoStruct {
  readonly fields: Record<string, unknown>;
  constructor(fields: Record<string, unknown>) {
    this.fields = fields;
  }
}

function valueText(v: unknown): string {
  let text: string;
  if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
  else if (typeof v === 'string') text = goQuote(v);
  else if (v instanceof GoStruct) text = JSON.stringify(v.fields);
  else text = goJSON(v);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT)}…` : text;
}

/** One field error as the API server reports it (`field.Error`). */
export interface FieldError {
  type: FieldErrorType;
  /** The API field path, e.g. `spec.ports[0].name`. */
  field: string;
  /** The bad value (shown for Invalid/Unsupported/Duplicate/Not found/Too many). */
  value?: unknown;
  detail: string;
}

/** `field.Error.ErrorBody()`: `Invalid value: "x": detail`, `Required value`, `Forbidden: detail`. */
export function errorBody(e: FieldError): string {
  let s: string = e.type;
  if (SHOWS_VALUE.has(e.type)) s += `: ${valueText(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `field.NotSupported`'s detail: `supported values: "a", "b"`. */
export function supportedValues(values: readonly string[]): string {
  return `supported values: ${values.map((v) => goQuote(v)).join(', ')}`;
}
