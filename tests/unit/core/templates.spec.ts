import { test } from '@japa/runner'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'

/**
 * Edge only recognises a tag (@if, @each, @end, @!component, …) on a line
 * of its own: a tag in the middle of a line is printed as text, and text
 * after a tag breaks the template. This scans every view.
 */
function edgeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? edgeFiles(path) : name.endsWith('.edge') ? [path] : []
  })
}

/**
 * Index just after the parenthesised arguments starting at `open`.
 */
function closeParen(line: string, open: number): number {
  let depth = 0
  let quote: string | null = null
  for (let i = open; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = null
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i + 1
  }
  return -1
}

/**
 * Tags Edge itself (or a provider) defines; any other tag names a
 * component file, camelCase for snake_case file names (components/sms_code.edge
 * is @smsCode, never @sms_code).
 */
const BUILTIN_TAGS = new Set([
  'if',
  'elseif',
  'else',
  'unless',
  'each',
  'end',
  'let',
  'assign',
  'include',
  'includeIf',
  'component',
  'slot',
  'inject',
  'eval',
  'newError',
  'debugger',
  'can',
  'cannot',
  'stack',
  'pushTo',
  'pushOnceTo',
  'dd',
  'dump',
  'vite',
  'viteReactRefresh',
  'svg',
  'error',
  'inputError',
  'flashMessage',
])

function componentFile(root: string, tag: string) {
  const parts = tag.split('.').map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
  const base = join(root, 'components', ...parts)
  return [`${base}.edge`, join(base, 'index.edge')]
}

test.group('Views', () => {
  test('every Edge tag sits on a line of its own', ({ assert }) => {
    const problems: string[] = []
    const root = app.makePath('resources/views')
    for (const file of edgeFiles(root)) {
      const lines = readFileSync(file, 'utf8').split('\n')
      let inComment = false
      lines.forEach((line, index) => {
        const where = `${relative(root, file)}:${index + 1}`
        if (line.includes('{{--')) inComment = !line.includes('--}}')
        else if (inComment) {
          if (line.includes('--}}')) inComment = false
          return
        }
        const stripped = line.replace(/\{\{--.*?--\}\}/g, '').replace(/\{\{\{?[\s\S]*?\}?\}\}/g, '')
        const midLine = /\S\s*@(!?[A-Za-z_][\w.]*\s*\(|end\b|else\b)/.exec(stripped)
        if (midLine) problems.push(`${where}: tag after other text`)
        const start = /^\s*@!?([A-Za-z_][\w.]*)(\s*\()?/.exec(line)
        if (start && start[2]) {
          const end = closeParen(line, line.indexOf('(', start.index))
          if (
            end > 0 &&
            line.slice(end).trim() !== '' &&
            !line.slice(end).trim().startsWith('{{--')
          ) {
            problems.push(`${where}: text after @${start[1]}(…)`)
          }
        }
      })
    }
    assert.deepEqual(problems, [])
  })

  test('every component tag names an existing component', ({ assert }) => {
    const problems: string[] = []
    const root = app.makePath('resources/views')
    for (const file of edgeFiles(root)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const tag = /^\s*@!?([A-Za-z_][\w.]*)\s*\(/.exec(line)?.[1]
          if (!tag || BUILTIN_TAGS.has(tag)) return
          const where = `${relative(root, file)}:${index + 1}`
          if (tag.includes('_')) problems.push(`${where}: @${tag} (component tags are camelCase)`)
          else if (!componentFile(root, tag).some((path) => existsSync(path)))
            problems.push(`${where}: @${tag} has no component`)
        })
    }
    assert.deepEqual(problems, [])
  })

  test('no view has a style="" attribute (the CSP, style-src \'self\', blocks them)', ({
    assert,
  }) => {
    const problems: string[] = []
    const root = app.makePath('resources/views')
    for (const file of edgeFiles(root)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/\sstyle\s*=/i.test(line)) problems.push(`${relative(root, file)}:${index + 1}`)
        })
    }
    assert.deepEqual(problems, [], 'move these styles into a class of resources/public/css/app.css')
  })
})
