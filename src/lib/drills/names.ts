/** Name pools for drills: apps, clients, namespaces, label keys, ports. Small, realistic and valid DNS labels. */

/** Server apps. */
export const SERVER_APPS = ['payments', 'orders', 'catalog', 'inventory', 'billing', 'accounts', 'search', 'ledger'] as const;
/** Client apps. */
export const CLIENT_APPS = ['frontend', 'checkout', 'storefront', 'webapp', 'gateway', 'portal'] as const;
/** Namespaces. */
export const NAMESPACES = ['shop', 'store', 'team-a', 'retail', 'prod', 'commerce'] as const;
/** Second namespaces (for cross-namespace drills), disjoint from NAMESPACES. */
export const DATA_NAMESPACES = ['data', 'backend', 'platform', 'core', 'services'] as const;
/** Pods' app ports. */
export const APP_PORTS = [8080, 8000, 9090, 3000, 5000, 8443] as const;
/** Label keys for "who is this client" labels. */
export const ROLE_KEYS = ['role', 'tier', 'team'] as const;
/** Values for role labels. */
export const ROLE_VALUES = ['web', 'api-client', 'edge', 'ui', 'shopper'] as const;
/** Intruder pods: something in the namespace that must stay blocked. */
export const INTRUDERS = ['debug-shell', 'batch-job', 'scraper', 'toolbox'] as const;
/** Host names for Gateway drills (under *.<domain>). */
export const DOMAINS = ['shop.example', 'store.example', 'retail.example'] as const;
