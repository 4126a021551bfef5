import Staff, { type StaffRole } from '#admin/models/staff'
import { staffRoleKeys } from '#core/staff'
import { compact, oneOf, page, text, likePattern } from '#core/http/list_filters'

export interface StaffListFilters {
  q?: string
  role?: StaffRole
  status?: 'active' | 'inactive'
}

export function parseStaffFilters(qs: Record<string, unknown>) {
  return {
    filters: compact<StaffListFilters>({
      q: text(qs.q, 50),
      role: oneOf(qs.role, staffRoleKeys()),
      status: oneOf(qs.status, ['active', 'inactive'] as const),
    }),
    page: page(qs.page),
  }
}

/**
 * 工作人员列表: search by username, name or phone; filter by role and
 * status; active first, then by username.
 */
export async function listStaff(filters: StaffListFilters, pageNumber = 1, perPage = 20) {
  const query = Staff.query()
  if (filters.q) {
    const pattern = likePattern(filters.q.toLowerCase())
    query.where((q) => {
      q.whereRaw(`LOWER(username) LIKE ? ESCAPE '\\'`, [pattern])
        .orWhereRaw(`LOWER(name) LIKE ? ESCAPE '\\'`, [pattern])
        .orWhereRaw(`phone LIKE ? ESCAPE '\\'`, [pattern])
    })
  }
  if (filters.role) {
    const role = filters.role
    query.where((q) => {
      q.where('roles', role)
        .orWhere('roles', 'like', `${role},%`)
        .orWhere('roles', 'like', `%,${role}`)
        .orWhere('roles', 'like', `%,${role},%`)
      /* super admins hold every role but are listed under their own */
    })
  }
  if (filters.status) query.where('is_active', filters.status === 'active')
  return query.orderBy('is_active', 'desc').orderBy('username', 'asc').paginate(pageNumber, perPage)
}

export async function findStaff(id: string) {
  return Staff.find(id)
}

export async function countActiveStaff() {
  const row = await Staff.query().where('is_active', true).count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}
