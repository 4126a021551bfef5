import type Staff from '#admin/models/staff'
import type { StaffRole } from '#admin/models/staff'

/**
 * The back office's side menu. Each item names the roles that see it
 * (super admins see everything); the pages themselves are guarded by
 * Bouncer policies, the menu only hides what a role cannot open.
 */
export interface MenuItem {
  key: string
  label: string
  href: string
  roles: StaffRole[] | 'all'
  /** pending-work counter shown next to the item */
  count?: () => Promise<number>
}

export interface MenuGroup {
  label: string
  items: MenuItem[]
}

const groups: MenuGroup[] = [
  {
    label: '概览',
    items: [{ key: 'dashboard', label: '工作台', href: '/admin', roles: 'all' }],
  },
]

/**
 * Modules add their pages to a group (created on first use).
 */
export function addMenuItems(groupLabel: string, items: MenuItem[]) {
  let group = groups.find((g) => g.label === groupLabel)
  if (!group) {
    group = { label: groupLabel, items: [] }
    groups.push(group)
  }
  group.items.push(...items)
}

export async function menuFor(staff: Staff) {
  const visible = []
  for (const group of groups) {
    const items = []
    for (const item of group.items) {
      if (item.roles !== 'all' && !staff.hasRole(...item.roles)) continue
      items.push({ key: item.key, label: item.label, href: item.href, count: item.count ? await item.count() : 0 })
    }
    if (items.length) visible.push({ label: group.label, items })
  }
  return visible
}
