import app from '@adonisjs/core/services/app'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { MENU_GROUPS, rolesAllow, type MenuGroupKey } from '#core/modules'
import type { StaffActor } from '#core/staff'
import { moduleDefinitions } from '#app/modules'

/**
 * The back office put together from every module's declaration
 * (app/<module>/module.ts, listed in app/modules.ts): the side menu with
 * its queue counters, the dashboard's figures, and the Chinese names of
 * audit subjects. Nothing here names a module.
 */
export interface VisibleMenuItem {
  key: string
  label: string
  href: string
  /** the item has a queue counter (shown as 暂无待处理 at 0) */
  counted: boolean
  count: number
}

export interface VisibleMenuGroup {
  key: MenuGroupKey
  label: string
  /** a group of work queues: listed under 待办 on the dashboard */
  queue: boolean
  items: VisibleMenuItem[]
}

export interface DashboardCounter {
  label: string
  value: number
  href?: string
}

function href(route: string, params?: Record<string, string>, qs?: Record<string, string>) {
  return urlFor(route as any, (params ?? {}) as any, qs ? { qs } : undefined)
}

const byOrder = <T extends { order?: number }>(a: T, b: T) => (a.order ?? 100) - (b.order ?? 100)

/**
 * The side menu's queue counters are the same for every staff member and
 * are shown on every back-office page: each is counted at most once per
 * COUNTER_TTL_MS per process (one query in flight however many pages ask),
 * not once per page view. A queue counter a few seconds old is fine: the
 * queue page itself is always current. Tests count afresh every time.
 */
const COUNTER_TTL_MS = app.inTest ? 0 : 5_000
const counters = new Map<string, { at: number; value: Promise<number> }>()

function counted(key: string, count: () => Promise<number>): Promise<number> {
  const now = Date.now()
  const cached = counters.get(key)
  if (cached && now - cached.at < COUNTER_TTL_MS) return cached.value
  const value = count()
  if (COUNTER_TTL_MS > 0) {
    counters.set(key, { at: now, value })
    value.catch(() => counters.delete(key))
  }
  return value
}

export async function menuFor(staff: StaffActor): Promise<VisibleMenuGroup[]> {
  const definitions = await moduleDefinitions()
  const items = definitions.flatMap((d) => d.backOffice?.menu ?? []).sort(byOrder)
  const visible: VisibleMenuGroup[] = []
  for (const [key, group] of Object.entries(MENU_GROUPS) as Array<
    [MenuGroupKey, (typeof MENU_GROUPS)[MenuGroupKey]]
  >) {
    const mine = items.filter(
      (item) => item.group === key && rolesAllow(item.roles, (...r) => staff.hasRole(...r))
    )
    if (!mine.length) continue
    visible.push({
      key,
      label: group.label,
      queue: 'queue' in group ? group.queue : false,
      items: await Promise.all(
        mine.map(async (item) => ({
          key: item.key,
          label: item.label,
          href: href(item.route, item.params, item.qs),
          counted: Boolean(item.count),
          count: item.count ? await counted(item.key, item.count) : 0,
        }))
      ),
    })
  }
  return visible
}

export async function dashboardCounters(staff: StaffActor): Promise<DashboardCounter[]> {
  const definitions = await moduleDefinitions()
  const figures = definitions
    .flatMap((d) => d.backOffice?.figures ?? [])
    .filter((figure) => rolesAllow(figure.roles, (...r) => staff.hasRole(...r)))
    .sort(byOrder)
  return Promise.all(
    figures.map(async (figure) => ({
      label: figure.label,
      href: figure.route ? href(figure.route, figure.params, figure.qs) : undefined,
      value: await figure.value(),
    }))
  )
}

/**
 * Chinese names of audit subject types, from every module's declaration.
 */
export async function auditSubjectLabels(): Promise<Record<string, string>> {
  const definitions = await moduleDefinitions()
  return Object.assign({}, ...definitions.map((d) => d.backOffice?.auditSubjects ?? {}))
}
