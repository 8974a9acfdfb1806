/** The Shiki themes for code in both colour schemes: high-contrast variants, so every token meets WCAG AA on our code background. */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
