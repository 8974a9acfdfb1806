/**
 * Guards the reading-page bundle budget: the progress store ships on every
 * page, so nothing it imports at run time may reach a package (Zod alone is
 * 50–90 KB gzipped). Type-only imports are erased and may point anywhere.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

/** The specifiers a module imports or re-exports at run time. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    const typeOnly = ts.isImportDeclaration(statement)
      ? statement.importClause?.isTypeOnly === true
      : ts.isExportDeclaration(statement) && statement.isTypeOnly;
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && !typeOnly) {
      const specifier = statement.moduleSpecifier;
      if (specifier !== undefined && ts.isStringLiteral(specifier)) specifiers.push(specifier.text);
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

describe('progress browser import graph', () => {
  const modules = new Map<string, string[]>();
  const queue = ['src/lib/progress/index.ts'].map((entry) => resolve(root, entry));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (modules.has(file)) continue;
    const specifiers = runtimeImports(file);
    modules.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
  }
  const reached = [...modules.keys()].map((file) => relative(root, file));

  it('follows every runtime module', () => {
    expect(reached).toEqual(expect.arrayContaining(['src/lib/progress/schema.ts', 'src/lib/progress/store.ts', 'src/lib/course/modes.ts']));
  });

  it('imports no package at all (so no Zod)', () => {
    const packages = [...modules].flatMap(([file, specifiers]) =>
      specifiers.filter((specifier) => !specifier.startsWith('.')).map((specifier) => `${relative(root, file)}: ${specifier}`),
    );
    expect(packages).toEqual([]);
  });
});
