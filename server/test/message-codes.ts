// Finds every message key the server can show a user, by reading its sources (issue 10 item 4).
// Syntactic, with the TypeScript parser (no type checking, so it is fast): the code argument
// of `new AppError(…)` and `problem(…)`, field errors (`{ field, code }` objects, the code of
// `invalidField`), Zod refinement codes (`params: { code }`), import message keys
// (`messageKey`), fields named inside messages (AppError params `field`/`later`/`earlier`/`by`,
// the constraint → field and table → label maps), and keys given to `t()` as literals.
// A code that is not a literal is followed: conditionals, `??`, local constants, a parameter to
// the literal arguments of every call of its function (or its default), a declared type to its
// union of string literals. What cannot be followed is reported as unresolved, so a new
// dynamic code cannot slip past the check unnoticed.
import ts from 'typescript';
import { hasMessage } from '../lib/i18n.ts';

const hasLabel = (field: string) => hasMessage(`label.${field}`);

export type UseKind = 'error' | 'field' | 'label' | 'key';
export interface Use {
  kind: UseKind;
  /** The code as written (`invalid_reference`); `key` is the catalogue entry it needs. */
  code: string;
  key: string;
  at: string;
}
export interface Unresolved {
  at: string;
  text: string;
}
export interface Source {
  path: string;
  text: string;
}

const keyOf = (kind: UseKind, code: string) => (kind === 'error' || kind === 'key' ? code : kind === 'field' ? `field.${code}` : `label.${code}`);

export function scanMessageCodes(sources: Source[]): { uses: Use[]; unresolved: Unresolved[] } {
  const files = sources.map((s) => ts.createSourceFile(s.path, s.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  const uses: Use[] = [];
  const unresolved: Unresolved[] = [];

  // Indexes over all files: string-literal type aliases, functions by name, calls by callee name.
  const aliases = new Map<string, ts.TypeNode>();
  const functions = new Map<string, ts.SignatureDeclaration[]>();
  const calls = new Map<string, ts.CallExpression[]>();
  const addFn = (name: string, fn: ts.SignatureDeclaration) => functions.set(name, [...(functions.get(name) ?? []), fn]);
  for (const sf of files) {
    const visit = (n: ts.Node) => {
      if (ts.isTypeAliasDeclaration(n)) aliases.set(n.name.text, n.type);
      else if (ts.isFunctionDeclaration(n) && n.name) addFn(n.name.text, n);
      else if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
      )
        addFn(n.name.text, n.initializer);
      else if (ts.isCallExpression(n)) {
        const name = calleeName(n.expression);
        if (name) calls.set(name, [...(calls.get(name) ?? []), n]);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  const where = (n: ts.Node) => {
    const sf = n.getSourceFile();
    return `${sf.fileName}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  };

  function typeLiterals(t: ts.TypeNode | undefined, seen = new Set<string>()): string[] | null {
    if (!t) return null;
    if (ts.isLiteralTypeNode(t)) {
      if (ts.isStringLiteral(t.literal) || ts.isNoSubstitutionTemplateLiteral(t.literal)) return [t.literal.text];
      return t.literal.kind === ts.SyntaxKind.NullKeyword ? [] : null;
    }
    if (t.kind === ts.SyntaxKind.UndefinedKeyword || t.kind === ts.SyntaxKind.NullKeyword) return [];
    if (ts.isParenthesizedTypeNode(t)) return typeLiterals(t.type, seen);
    if (ts.isUnionTypeNode(t)) return all(t.types.map((m) => typeLiterals(m, seen)));
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !seen.has(t.typeName.text)) {
      seen.add(t.typeName.text);
      return typeLiterals(aliases.get(t.typeName.text), seen);
    }
    return null;
  }

  /** The string values an expression can take, or null when they cannot be followed. */
  function values(e: ts.Expression | undefined, depth = 0): string[] | null {
    if (!e || depth > 8) return null;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e))
      return values(e.expression, depth + 1);
    if (ts.isConditionalExpression(e)) return all([values(e.whenTrue, depth + 1), values(e.whenFalse, depth + 1)]);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken))
      return all([values(e.left, depth + 1), values(e.right, depth + 1)]);
    if (ts.isIdentifier(e)) return identifierValues(e, depth);
    return null;
  }

  function identifierValues(id: ts.Identifier, depth: number): string[] | null {
    // A parameter of an enclosing function?
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (ts.isFunctionLike(n)) {
        const i = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
        if (i >= 0) return parameterValues(n, i, depth);
      }
      // A const declared in an enclosing block or the file?
      if (ts.isBlock(n) || ts.isSourceFile(n)) {
        for (const st of n.statements) {
          if (!ts.isVariableStatement(st)) continue;
          for (const d of st.declarationList.declarations) {
            if (!ts.isIdentifier(d.name) || d.name.text !== id.text) continue;
            if (d.type) return typeLiterals(d.type);
            if (d.initializer && ts.isCallExpression(d.initializer)) return returnValues(calleeName(d.initializer.expression));
            return values(d.initializer, depth + 1);
          }
        }
      }
    }
    return null;
  }

  function parameterValues(fn: ts.SignatureDeclaration, index: number, depth: number): string[] | null {
    const p = fn.parameters[index];
    const typed = typeLiterals(p.type);
    if (typed) return typed;
    const name = fnName(fn);
    const sites = name ? (calls.get(name) ?? []) : [];
    if (!sites.length) return null;
    const found: string[][] = [];
    // Each call site answers for itself: one it cannot follow is reported there (`invalidField(f, w.code)`),
    // the literal ones still count.
    for (const arg of [p.initializer, ...sites.map((c) => c.arguments[index])]) {
      if (!arg) continue;
      const v = values(arg, depth + 1);
      if (v) found.push(v);
      else addUnresolved(arg);
    }
    return [...new Set(found.flat())];
  }

  function returnValues(name: string | undefined): string[] | null {
    const fns = name ? functions.get(name) : undefined;
    if (fns?.length !== 1) return null;
    return typeLiterals(fns[0].type);
  }

  const addUnresolved = (e: ts.Node) => {
    const u = { at: where(e), text: e.getText() };
    if (!unresolved.some((x) => x.at === u.at && x.text === u.text)) unresolved.push(u);
  };
  const record = (kind: UseKind, e: ts.Expression | undefined, at: ts.Node) => {
    // A Zod schema of the shape (`code: z.string()` in a response DTO) is not a value.
    if (e && ts.isCallExpression(e) && /^z\./.test(e.expression.getText())) return;
    const v = values(e);
    if (v === null) addUnresolved(e ?? at);
    else for (const code of v) uses.push({ kind, code, key: keyOf(kind, code), at: where(at) });
  };
  /** A field named inside a message: the label of its last path segment (`lines.${i}.lineId` → lineId). */
  const recordLabel = (e: ts.Expression, at: ts.Node) => {
    if (ts.isTemplateExpression(e)) {
      const tail = e.templateSpans[e.templateSpans.length - 1].literal.text.replace(/^\./, '');
      if (tail) uses.push({ kind: 'label', code: tail, key: keyOf('label', tail), at: where(at) });
      return;
    }
    const v = values(e);
    if (v === null) addUnresolved(e);
    // As fieldLabel() reads it: the whole path's label when there is one, else its last segment's.
    else
      for (const f of v) uses.push({ kind: 'label', code: f, key: hasLabel(f) ? keyOf('label', f) : keyOf('label', f.split('.').pop() ?? f), at: where(at) });
  };

  for (const sf of files) {
    const visit = (n: ts.Node) => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'AppError') {
        record('error', n.arguments?.[1], n);
        const params = n.arguments?.[2];
        if (params && ts.isObjectLiteralExpression(params)) {
          for (const p of params.properties) {
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ['field', 'later', 'earlier', 'by'].includes(p.name.text))
              recordLabel(p.initializer, p);
          }
        }
      } else if (ts.isCallExpression(n)) {
        const name = calleeName(n.expression);
        if (name === 'problem' && n.arguments.length >= 3) record('error', n.arguments[1], n);
        else if (name === 'invalidField') {
          if (n.arguments[1]) record('field', n.arguments[1], n);
          else uses.push({ kind: 'field', code: 'invalid', key: 'field.invalid', at: where(n) });
        } else if (
          (name === 't' || name === 'translate') &&
          n.arguments[0] &&
          (ts.isStringLiteral(n.arguments[0]) || ts.isNoSubstitutionTemplateLiteral(n.arguments[0]))
        )
          uses.push({ kind: 'key', code: n.arguments[0].text, key: n.arguments[0].text, at: where(n) });
        else if ((name === 'registerConstraintFields' || name === 'registerTableLabels') && n.arguments[0] && ts.isObjectLiteralExpression(n.arguments[0])) {
          for (const p of n.arguments[0].properties) if (ts.isPropertyAssignment(p)) recordLabel(p.initializer, p);
        }
      } else if (ts.isObjectLiteralExpression(n)) {
        const prop = (name: string) =>
          n.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name) && p.name.text === name) as
            | ts.PropertyAssignment
            | ts.ShorthandPropertyAssignment
            | undefined;
        const code = prop('code');
        const valueIn = (p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment) => (ts.isPropertyAssignment(p) ? p.initializer : p.name);
        // A field error: { field, code }.
        if (code && prop('field')) record('field', valueIn(code), code);
        // A Zod refinement's own code: params: { code }.
        else if (code && ts.isPropertyAssignment(n.parent) && ts.isIdentifier(n.parent.name) && n.parent.name.text === 'params')
          record('field', valueIn(code), code);
        const messageKey = prop('messageKey');
        if (messageKey) record('key', valueIn(messageKey), messageKey);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { uses, unresolved };
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function fnName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

function all(parts: (string[] | null)[]): string[] | null {
  if (parts.some((p) => p === null)) return null;
  return [...new Set((parts as string[][]).flat())];
}

/** The issue codes Zod can raise, read from Zod's own declarations (`readonly code: "…"` of each issue type). */
export function zodIssueCodes(declarations: string): string[] {
  const codes = new Set([...declarations.matchAll(/readonly code: "(\w+)"/g)].map((m) => m[1]));
  if (codes.size < 5) throw new Error('cannot read the issue codes from zod’s declarations');
  return [...codes];
}
