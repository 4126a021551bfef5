/**
 * What a module declares about itself, in one file (`app/<module>/module.ts`, made with `defineModule` from here):
 * its routes, what it registers at boot, and its back-office area (routes,
 * menu items with their queue counters and roles, dashboard figures, audit
 * subject labels). The back office, the router and the boot sequence loop
 * over the declarations listed in the module manifest (app/modules.ts), so
 * that adding a module touches its own folder plus its manifest line and
 * its import alias.
 *
 *   export default defineModule({
 *     name: 'orders',
 *     routes: () => import('#orders/routes'),
 *     boot: () => import('#orders/registrations'),
 *     backOffice: {
 *       routes: () => import('#orders/admin_routes'),
 *       menu: [{ group: 'reviews', key: 'reviews.orders', label: '订单审核',
 *                route: 'admin.reviews.orders', roles: ['reviewer'], count: () => … }],
 *       figures: [{ label: '待审核订单', route: 'admin.reviews.orders', roles: ['reviewer'], value: … }],
 *       auditSubjects: { order: '订单' },
 *     },
 *   })
 */
export const MENU_GROUPS = {
  overview: { label: '概览' },
  reviews: { label: '审核', queue: true },
  fulfilment: { label: '制证与交付', queue: true },
  finance: { label: '财务', queue: true },
  certificates: { label: '证书与 CA' },
  catalog: { label: '业务目录' },
  users: { label: '用户' },
  system: { label: '系统' },
} as const

export type MenuGroupKey = keyof typeof MENU_GROUPS

/** who sees an item: staff roles (super admins see everything) or every staff member */
export type RoleList = string[] | 'all'

export interface MenuItem {
  group: MenuGroupKey
  /** stable key, used to mark the current page */
  key: string
  label: string
  /** route name (the page the item opens) and its params */
  route: string
  params?: Record<string, string>
  qs?: Record<string, string>
  roles: RoleList
  /** position inside the group (smaller first) */
  order?: number
  /** pending work shown next to the item and on the dashboard's 待办 */
  count?: () => Promise<number>
}

export interface DashboardFigure {
  label: string
  route?: string
  params?: Record<string, string>
  qs?: Record<string, string>
  roles: RoleList
  order?: number
  value: () => Promise<number>
}

export interface BackOfficeArea {
  /** registers the module's /admin pages (names "admin.*", staff middleware) */
  routes?: () => Promise<unknown>
  menu?: MenuItem[]
  figures?: DashboardFigure[]
  /** audit subject types of the module in Chinese ("order" → "订单") */
  auditSubjects?: Record<string, string>
}

export interface ModuleDefinition {
  name: string
  /** the module's applicant and public routes */
  routes?: () => Promise<unknown>
  /** what it registers at boot: audit labels, SMS purposes, hooks into lower modules */
  boot?: () => Promise<unknown>
  backOffice?: BackOfficeArea
}

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition
}

export function rolesAllow(roles: RoleList, hasRole: (...roles: string[]) => boolean) {
  return roles === 'all' || hasRole(...roles)
}
