/** Types for what astro.config.mjs adds: the `client:interaction` directive (src/client/directives/interaction.ts). */
declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate when the learner points at, touches, focuses or types near the island, or on the window events named (see interaction.ts). */
    'client:interaction'?: boolean | string;
  }
}

export {};
