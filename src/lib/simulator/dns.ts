/** Entry point kept for existing imports: the DNS model lives in ./dns/ (see dns/index.ts). */
export * from './dns/index.ts';
export { DNS_TTL, resolvConf, candidateNames, resolveName, lookupFqdn, headlessIPs } from './dns/compat.ts';
