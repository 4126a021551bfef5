import type Staff from '#admin/models/staff'
import type { StaffRole } from '#admin/models/staff'

/**
 * Dashboard figures and menu badges. The back office asks each module's
 * queries (admin → modules, never the other way round).
 */
export interface DashboardCounter {
  label: string
  value: number
  href?: string
}

interface CounterDefinition {
  label: string
  href?: string
  roles: StaffRole[] | 'all'
  value: () => Promise<number>
}

/**
 * Each module's figures, in display order. Add a line per figure.
 */
const definitions: CounterDefinition[] = []

export async function dashboardCounters(staff: Staff): Promise<DashboardCounter[]> {
  const visible = definitions.filter((d) => d.roles === 'all' || staff.hasRole(...d.roles))
  return Promise.all(visible.map(async (d) => ({ label: d.label, href: d.href, value: await d.value() })))
}
