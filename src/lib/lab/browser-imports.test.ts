/**
 * Guards the lab page's first load: what the Lab island imports statically must reach no package but
 * Preact (no YAML parser, no simulator, no CodeMirror, no Zod); those come later, through the island's
 * dynamic imports (the engine, the editor, and the matrix's explanation panel when a cell is first opened). Type-only imports are erased and may point anywhere.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Imports {
  readonly statics: string[];
  readonly dynamics: string[];
}

/** The run-time imports of a module: static ones (type-only left out) and `import()` ones. */
function importsOf(file: string): Imports {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const statics: string[] = [];
  const dynamics: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly = clause !== undefined && (clause.phaseModifier === ts.SyntaxKind.TypeKeyword || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly && ts.isStringLiteral(statement.moduleSpecifier)) statics.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      statics.push(statement.moduleSpecifier.text);
    }
  }
  ts.forEachChild(source, function visit(node): void {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg !== undefined && ts.isStringLiteral(arg)) dynamics.push(arg.text);
    }
    if (ts.isImportTypeNode(node)) return; // `typeof import('…')` is a type
    ts.forEachChild(node, visit);
  });
  return { statics, dynamics };
}

/** Every module the island loads on first load, the packages they import, and the dynamic imports met. */
function firstLoad(entry: string) {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const dynamics = new Set<string>();
  const queue = [resolve(root, entry)];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (modules.has(file)) continue;
    modules.add(file);
    const { statics, dynamics: lazy } = importsOf(file);
    for (const specifier of statics) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
    for (const specifier of lazy) dynamics.add(relative(root, resolve(dirname(file), specifier)));
  }
  return { modules: [...modules].map((file) => relative(root, file)), packages: [...packages], dynamics: [...dynamics].sort() };
}

describe('the Lab island first load', () => {
  const graph = firstLoad('src/components/islands/lab/Lab.tsx');

  it('follows the island into the lab library and the terminal', () => {
    expect(graph.modules).toEqual(expect.arrayContaining(['src/lib/lab/lab-state.ts', 'src/lib/lab/share.ts', 'src/lib/lab/persistence.ts', 'src/components/islands/KubectlTerminal.tsx']));
  });

  it('imports no package but Preact', () => {
    expect(graph.packages.filter((name) => name !== 'preact' && !name.startsWith('preact/'))).toEqual([]);
  });

  it('does not reach the simulator, the YAML parser or CodeMirror', () => {
    expect(graph.modules.filter((file) => file.startsWith('src/lib/simulator/') || /evaluate|write-back|view\.ts|engine|codemirror/.test(file))).toEqual([]);
  });

  it('loads the engine, the editor and the matrix explanation on demand', () => {
    expect(graph.dynamics).toEqual(['src/components/islands/lab/MatrixExplanation.tsx', 'src/components/islands/lab/codemirror.ts', 'src/lib/lab/engine.ts']);
  });
});
