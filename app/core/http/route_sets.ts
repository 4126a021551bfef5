import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

/**
 * The route shapes that every module repeats, declared once (the
 * back office's own group is backOfficeRoutes, its review queues
 * reviewRoutes):
 *
 *   signedInRoutes('seals', () => { … })          // names "seals.*", sign-in required
 *   memberActions('/payments/refunds/:id', Refunds, ['approve', 'reject'])
 *     // POST /payments/refunds/:id/approve → Refunds.approve, named "approve"
 *   confirmedActions('/orders/:orderNo', Orders, ['cancel'])
 *     // GET /orders/:no/cancel → Orders.cancelForm (cancel.form), POST → .cancel (cancel)
 *   formRoutes('/register', 'register', Registration)
 *     // GET /register → Registration.create (register.create), POST → .store (register.store)
 *   formRoutes('/orgs/:id/leave', 'leave', Members, 'create', ['confirmLeave', 'leave'])
 *
 * Resourceful pages (index, create, store, show, edit) use the
 * framework's router.resource(…).only([…]).
 */

/** a controller as the generated barrel (#generated/controllers) gives it */
export type LazyController<T> = () => Promise<{ default: new (...args: any[]) => T }>

/** the actions of a controller */
export type ActionOf<T> = Extract<keyof T, string>

/**
 * An applicant area: the routes `define` declares, named "<name>.*",
 * behind the applicant sign-in (middleware auth).
 */
export function signedInRoutes(name: string, define: () => void) {
  return router.group(define).as(name).use(middleware.auth())
}

/** handOver → hand-over (URL), hand_over (name) */
function spaced(action: string, separator: string) {
  return action.replace(/[A-Z]/g, (letter) => separator + letter.toLowerCase())
}

/**
 * One POST route per action on a record: `<path>/<action>` (hand-over
 * for handOver) calls the controller's action and is named
 * `[<name>.]<action>` (hand_over); a group around it adds its prefix and
 * name as usual.
 */
export function memberActions<T>(
  path: string,
  controller: LazyController<T>,
  actions: ActionOf<T>[],
  name?: string
) {
  return actions.map((action) =>
    router
      .post(`${path}/${spaced(action, '-')}`, [controller, action] as any)
      .as([name, spaced(action, '_')].filter(Boolean).join('.'))
  )
}

/** the actions of a controller that have a page asking to confirm them (`<action>Form`) */
export type ConfirmedActionOf<T> = {
  [A in ActionOf<T>]: `${A}Form` extends ActionOf<T> ? A : never
}[ActionOf<T>]

/**
 * memberActions whose POST a page confirms first: GET `<path>/<action>`
 * → `<action>Form`, named `<action>.form`; POST → `<action>`, named
 * `<action>` (both behind `<name>.` when given).
 */
export function confirmedActions<T>(
  path: string,
  controller: LazyController<T>,
  actions: ConfirmedActionOf<T>[],
  name?: string
) {
  for (const action of actions) {
    const named = [name, spaced(action, '_')].filter(Boolean).join('.')
    router
      .get(`${path}/${spaced(action, '-')}`, [controller, `${action}Form`] as any)
      .as(`${named}.form`)
    memberActions(path, controller, [action], name)
  }
}

/** the names of a form page and its submission: a new thing, or a change to one */
const FORM_KINDS = { create: ['create', 'store'], edit: ['edit', 'update'] } as const

/**
 * A page with a form and the POST that submits it, at the same URL:
 * GET → the form, named `<name>.create` (`<name>.edit`); POST → its
 * submission, named `<name>.store` (`<name>.update`). The actions are
 * create/store (edit/update) unless named.
 */
export function formRoutes<T>(
  path: string,
  name: string,
  controller: LazyController<T>,
  kind: keyof typeof FORM_KINDS = 'create',
  [show, submit]: [ActionOf<T>, ActionOf<T>] = FORM_KINDS[kind] as any
) {
  const [form, submission] = FORM_KINDS[kind]
  router.get(path, [controller, show] as any).as(`${name}.${form}`)
  router.post(path, [controller, submit] as any).as(`${name}.${submission}`)
}
