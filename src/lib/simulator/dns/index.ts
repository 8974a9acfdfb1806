/** Cluster DNS: records (CoreDNS's kubernetes plugin), CoreDNS's Corefile, the upstream resolver, pods' resolvers. */
export * from './types.ts';
export * from './corefile.ts';
export * from './config.ts';
export * from './kubernetes-plugin.ts';
export * from './coredns.ts';
export * from './upstream.ts';
export * from './resolver.ts';
export * from './expect.ts';
