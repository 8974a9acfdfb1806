/**
 * Guards the islands' bundle budget: the modules the browser imports from the
 * quiz and flashcards libraries must not reach Zod (50–90 KB gzipped) through
 * any run-time import. Type-only imports (`import type`, `export type`) are
 * erased and may point anywhere; every other import, including
 * `import { type X } from '…'` (kept as a side-effect import under
 * `verbatimModuleSyntax`), is followed.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

/** What the islands import (see src/components/islands). */
const BROWSER_ENTRIES = [
  'src/lib/quiz/grade.ts',
  'src/lib/quiz/attempts.ts',
  'src/lib/quiz/template.ts',
  'src/lib/quiz/set-outcome.ts',
  'src/lib/quiz/public.ts',
  'src/lib/quiz/kinds.ts',
  'src/lib/quiz/text.ts',
  'src/lib/flashcards/scheduler.ts',
];

/** Packages the browser path may import; anything else must be added here on purpose. */
const ALLOWED_PACKAGES = new Set(['ts-fsrs']);

/** Modules that use Zod and must stay build/test-only. */
const BUILD_ONLY = [
  'src/lib/quiz/schema.ts',
  'src/lib/quiz/public-schema.ts',
  'src/lib/quiz/attempts-schema.ts',
  'src/lib/flashcards/schema.ts',
  'src/lib/flashcards/card-state-schema.ts',
];

/** The specifiers a module imports at run time (type-only imports and exports left out). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly === true) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || statement.moduleSpecifier === undefined) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) specifiers.push(statement.moduleSpecifier.text);
    }
  }
  ts.forEachChild(source, function visit(node): void {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg !== undefined && ts.isStringLiteral(arg)) specifiers.push(arg.text);
    }
    ts.forEachChild(node, visit);
  });
  return specifiers;
}

/** Every module reachable at run time from the entries, with the packages they import. */
function runtimeGraph(entries: readonly string[]): { modules: Map<string, string[]>; packages: Map<string, string> } {
  const modules = new Map<string, string[]>();
  const packages = new Map<string, string>();
  const queue = entries.map((entry) => resolve(root, entry));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (modules.has(file)) continue;
    const specifiers = runtimeImports(file);
    modules.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else packages.set(specifier, relative(root, file));
    }
  }
  return { modules, packages };
}

describe('browser import graph', () => {
  const { modules, packages } = runtimeGraph(BROWSER_ENTRIES);
  const reached = [...modules.keys()].map((file) => relative(root, file));

  it('follows the entries', () => {
    expect(reached).toEqual(expect.arrayContaining(BROWSER_ENTRIES));
    expect(reached).toContain('src/lib/quiz/resolve.ts');
  });

  it('never imports Zod', () => {
    const zod = [...packages].filter(([name]) => name === 'zod' || name.startsWith('zod/') || name.includes('/zod'));
    expect(zod).toEqual([]);
  });

  it('never imports the Zod schema modules', () => {
    expect(reached.filter((file) => BUILD_ONLY.includes(file))).toEqual([]);
  });

  it('imports only allowed packages', () => {
    expect([...packages.keys()].filter((name) => !ALLOWED_PACKAGES.has(name))).toEqual([]);
  });

  it('leaves out `import type` but would catch Zod behind a schema module', () => {
    const grade = resolve(here, 'grade.ts');
    expect(runtimeImports(grade)).not.toContain('./public.ts');
    expect(runtimeImports(grade)).toContain('./text.ts');
    expect([...runtimeGraph(['src/lib/quiz/test-fixtures.ts']).packages.keys()]).toContain('astro/zod');
  });
});
