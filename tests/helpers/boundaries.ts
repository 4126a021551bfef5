import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative, sep } from 'node:path'

/**
 * The module dependency rule, as a machine checks it (used by
 * tests/unit/core/boundaries.spec.ts). A source file belongs to the module
 * of its folder under app/. It may import:
 *  - its own module, anything;
 *  - the framework, config, start, generated files, database, tests;
 *  - a module its manifest line `uses`, but never that module's
 *    services/, models/ or controllers/ (its actions, queries and the
 *    other files it exposes are its surface);
 * and it may not query a table that another module owns (string literals
 * naming the table in a query: from/table/join/into/update, `table:` in
 * validators, `static table =`, "table.column", or SQL text).
 */
export interface ManifestLine {
  name: string
  uses: string[]
  tables?: string[]
}

export interface Violation {
  file: string
  line: number
  kind: 'module' | 'internal' | 'table'
  detail: string
}

const INTERNAL = new Set(['services', 'models', 'controllers'])

/** every import specifier of a source text, with its line */
export function importsOf(source: string): Array<{ specifier: string; line: number }> {
  const found: Array<{ specifier: string; line: number }> = []
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g
  for (const match of source.matchAll(pattern)) {
    found.push({ specifier: match[2], line: lineAt(source, match.index ?? 0) })
  }
  return found
}

function lineAt(source: string, index: number) {
  let line = 1
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++
  return line
}

/**
 * The module and the path inside it that an import specifier names, seen
 * from a file (relative imports are resolved against the file's folder).
 */
export function targetOf(
  specifier: string,
  fromFile: string
): { module: string; path: string[] } | null {
  let rest: string | null = null
  if (specifier.startsWith('#app/')) rest = specifier.slice('#app/'.length)
  else if (specifier.startsWith('#')) {
    const [alias, ...path] = specifier.slice(1).split('/')
    if (['middleware', 'exceptions'].includes(alias))
      return { module: 'core', path: [alias, ...path] }
    return { module: alias, path }
  } else if (specifier.startsWith('.')) {
    const resolved = normalize(join(dirname(fromFile), specifier))
      .split(sep)
      .join('/')
    if (!resolved.startsWith('app/')) return null
    rest = resolved.slice('app/'.length)
  }
  if (rest === null) return null
  const [module, ...path] = rest.split('/')
  return { module: module.replace(/\.(js|ts)$/, ''), path }
}

/** the module of a file under app/ (null: the manifest or a file outside app/) */
export function moduleOfFile(file: string): string | null {
  const parts = file.split('/')
  if (parts[0] !== 'app' || parts.length < 3) return null
  return parts[1]
}

/**
 * Table owners: the module named in the migration's file name
 * (`0601_orders_create_orders_table.ts`), unless a manifest line claims
 * the table.
 */
export function tableOwners(
  migrations: Array<{ file: string; source: string }>,
  manifest: ManifestLine[]
): Map<string, string> {
  const owners = new Map<string, string>()
  const names = new Set(manifest.map((m) => m.name))
  for (const { file, source } of migrations) {
    const module = /^\d+_([a-z]+)_/.exec(file.split('/').pop() ?? '')?.[1]
    if (!module || !names.has(module)) continue
    for (const match of source.matchAll(/(?:createTable\(|tableName\s*=\s*)\s*'([a-z_]+)'/g)) {
      owners.set(match[1], module)
    }
  }
  for (const line of manifest) for (const table of line.tables ?? []) owners.set(table, line.name)
  return owners
}

const FRAMEWORK_ALIASES = new Set([
  'config',
  'start',
  'generated',
  'database',
  'tests',
  'providers',
])

/**
 * Every violation in a set of app/ source files.
 */
export function violations(
  files: Array<{ file: string; source: string }>,
  manifest: ManifestLine[],
  owners: Map<string, string>
): Violation[] {
  const rules = new Map(manifest.map((m) => [m.name, new Set(m.uses)]))
  // files that declare a Lucid model, wherever they sit (e.g. core/audit/audit_log.ts)
  const modelFiles = new Set(
    files
      .filter((f) => /\bstatic\s+table\s*=/.test(f.source))
      .map((f) => f.file.replace(/\.ts$/, ''))
  )
  const found: Violation[] = []
  for (const { file, source } of files) {
    const own = moduleOfFile(file)
    if (!own) continue
    const allowed = rules.get(own)
    if (!allowed) {
      found.push({
        file,
        line: 1,
        kind: 'module',
        detail: `app/${own} is not in the module manifest`,
      })
      continue
    }
    const code = withoutComments(source)
    for (const { specifier, line } of importsOf(code)) {
      const target = targetOf(specifier, file)
      if (!target || target.module === own || FRAMEWORK_ALIASES.has(target.module)) continue
      if (target.module === 'modules') continue
      if (!rules.has(target.module)) continue
      if (!allowed.has(target.module)) {
        found.push({
          file,
          line,
          kind: 'module',
          detail: `${own} may not use ${target.module} (${specifier})`,
        })
        continue
      }
      const internal =
        target.path.find((segment) => INTERNAL.has(segment)) ??
        (modelFiles.has(`app/${target.module}/${target.path.join('/')}`.replace(/\.(js|ts)$/, ''))
          ? 'models'
          : undefined)
      if (internal) {
        found.push({
          file,
          line,
          kind: 'internal',
          detail: `${specifier}: ${target.module}'s ${internal}/ are its own; use its actions or queries`,
        })
      }
    }
    for (const { table, line } of tablesQueried(code, owners)) {
      const owner = owners.get(table)!
      if (owner !== own) {
        found.push({ file, line, kind: 'table', detail: `table ${table} belongs to ${owner}` })
      }
    }
  }
  return found
}

/**
 * Tables named in query positions of a source text.
 */
export function tablesQueried(
  source: string,
  owners: Map<string, string>
): Array<{ table: string; line: number }> {
  const found: Array<{ table: string; line: number }> = []
  const literal = /(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g
  for (const match of source.matchAll(literal)) {
    const text = match[2]
    const before = source.slice(Math.max(0, (match.index ?? 0) - 40), match.index)
    const line = lineAt(source, match.index ?? 0)
    if (owners.has(text)) {
      if (
        /(\bfrom|\btable|[jJ]oin|\binto|\bupdate|\bdelete|\bdropTable|\bcreateTable|\bhasTable)\s*\(\s*$|\btable\s*[:=]\s*$|\btableName\s*=\s*$/.test(
          before
        )
      ) {
        found.push({ table: text, line })
      }
      continue
    }
    const dotted = /^([a-z_]+)\.[a-z_*]+$/.exec(text)
    if (dotted && owners.has(dotted[1]) && QUERY_ARGUMENT.test(before)) {
      found.push({ table: dotted[1], line })
      continue
    }
    for (const sql of text.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_]+)"?/gi)) {
      if (owners.has(sql[1]) && /\b(select|insert|update|delete)\b/i.test(text)) {
        found.push({ table: sql[1], line })
      }
    }
  }
  return found
}

/** a "table.column" argument of a query builder call */
const QUERY_ARGUMENT =
  /\.(?:(?:or|and)?[wW]here\w*|select|orderBy|groupBy|having\w*|on|orOn|\w*[jJ]oin|count|sum|max|min|avg|pluck|distinct|increment|decrement)\(\s*(?:(['"`])[^'"`]*\1\s*,\s*)*$/

/**
 * Comments out of the way (line positions kept), so that examples in
 * doc comments are not taken for code.
 */
export function withoutComments(source: string) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[\s;{}(),])\/\/[^\n]*/g, (_, lead) => lead)
}

/** every .ts file under a folder, as { file (relative to root), source } */
export function sourcesUnder(root: string, folder: string) {
  const out: Array<{ file: string; source: string }> = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts')) {
        out.push({
          file: relative(root, path).split(sep).join('/'),
          source: readFileSync(path, 'utf8'),
        })
      }
    }
  }
  walk(join(root, folder))
  return out
}
