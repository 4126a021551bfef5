import type { Edge } from 'edge.js'

/**
 * Edge's template cache, completed (production only: in development and
 * tests templates are read afresh so that edits show at once).
 *
 * `edge.configure({ cache: true })` (the framework does it in production)
 * caches a template compiled on its own, but not
 *  - a partial (`@include`, `@!component` …) compiled inside a scope with
 *    local variables (inside `@each`, after `@let`, in a component's
 *    slot): Edge compiles it again, with acorn, on every render. Its output
 *    depends only on the file and the names of those variables, so it is
 *    cached here by both;
 *  - the list of component files: the "supercharged components" plugin was
 *    set up as recurring when the instance was created (before the cache
 *    was turned on), so it reads the components directories from disk on
 *    every render. The list is read once here.
 */
export function completeTemplateCache(edge: Edge) {
  const loader = edge.loader as any
  const listComponents = loader.listComponents.bind(loader)
  let components: unknown = null
  loader.listComponents = () => (components ??= listComponents())

  for (const compiler of [edge.compiler, edge.asyncCompiler] as any[]) {
    const compile = compiler.compile.bind(compiler)
    const partials = new Map<string, unknown>()
    compiler.compile = (templatePath: string, localVariables?: string[]) => {
      if (!localVariables) return compile(templatePath)
      const key = `${templatePath}\u0000${localVariables.join(',')}`
      let compiled = partials.get(key)
      if (!compiled) {
        compiled = compile(templatePath, localVariables)
        partials.set(key, compiled)
      }
      return compiled
    }
  }
}
