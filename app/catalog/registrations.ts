import { homeSections } from '#core/home_sections'
import { registerAuditValues } from '#core/audit/audit_service'
import { DELIVERY_METHODS } from '#catalog/labels'
import { latestNotices } from '#catalog/queries/content'
import '#catalog/lifecycles'

/**
 * What the catalog registers at boot: its lifecycles (their audit labels,
 * lifecycles.ts) and the latest notices on the home page.
 */
homeSections.provideNotices(() => latestNotices(5))
/* 操作日志 shows a 取证方式 by its name, not its code */
registerAuditValues({
  method: Object.fromEntries(Object.entries(DELIVERY_METHODS).map(([k, v]) => [k, v.label])),
})
