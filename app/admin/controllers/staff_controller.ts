import type { HttpContext } from '@adonisjs/core/http'
import { isUuid } from '#core/ids'
import type Staff from '#admin/models/staff'
import { staffRoleDescription, staffRoleKeys, staffRoles } from '#core/staff'
import StaffPolicy from '#admin/policies/staff_policy'
import staffAccounts from '#admin/actions/staff_accounts'
import { NotFoundError } from '#core/rule_error'
import {
  createStaffValidator,
  resetStaffPasswordValidator,
  updateStaffValidator,
} from '#admin/validators'
import { findStaff, listStaff, parseStaffFilters } from '#admin/queries/staff_list'
import { actorTypeLabel, auditActionLabel, listAuditLogs } from '#admin/queries/audit_logs'

/**
 * 工作人员管理 (super admins): list, create, edit roles, activate /
 * deactivate, reset passwords.
 */
export default class StaffController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('viewList')
    const { filters, page } = parseStaffFilters(request.qs())
    const list = await listStaff(filters, page)
    return view.render('admin/staff/index', { list, query: filters, roles: staffRoles() })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('create')
    return view.render('admin/staff/create', { roles: staffRoles(), roleHelp: roleHelp() })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('create')
    const payload = await request.validateUsing(createStaffValidator)
    const { staff, generatedPassword } = await staffAccounts.create({
      username: payload.username,
      name: payload.name,
      phone: payload.phone ?? null,
      roles: payload.roles,
      password: payload.password_mode === 'manual' ? payload.password : null,
      mustChangePassword: Boolean(payload.must_change_password),
    })
    session.flash('success', `已新增工作人员 ${staff.username}`)
    if (generatedPassword) session.flash('generatedPassword', generatedPassword)
    return response.redirect().toRoute('admin.staff.show', { id: staff.id })
  }

  async show({ bouncer, params, request, view }: HttpContext) {
    const member = await this.#find(params.id)
    await bouncer.with(StaffPolicy).authorize('view', member)
    const history = await listAuditLogs(
      { subject_type: 'staff', subject_id: member.id },
      Number(request.input('page', 1)) || 1,
      15
    )
    return view.render('admin/staff/show', {
      member,
      history,
      roleHelp: roleHelp(),
      auditActionLabel,
      actorTypeLabel,
    })
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const member = await this.#find(params.id)
    await bouncer.with(StaffPolicy).authorize('update', member)
    return view.render('admin/staff/edit', { member, roles: staffRoles(), roleHelp: roleHelp() })
  }

  async update({ bouncer, params, request, response, session, auth }: HttpContext) {
    const member = await this.#find(params.id)
    await bouncer.with(StaffPolicy).authorize('update', member)
    const payload = await request.validateUsing(updateStaffValidator)
    const changed = await staffAccounts.update(member, {
      name: payload.name,
      phone: payload.phone ?? null,
      roles: payload.roles,
    })
    session.flash(changed ? 'success' : 'info', changed ? '已保存修改' : '没有需要保存的修改')
    if (member.id === auth.use('admin').user!.id && !member.roles.includes('super_admin')) {
      session.flash('success', '已保存修改；您已不再是超级管理员，工作人员管理页面将不再对您开放')
      return response.redirect().toRoute('admin.dashboard')
    }
    return response.redirect().toRoute('admin.staff.show', { id: member.id })
  }

  async deactivate(ctx: HttpContext) {
    return this.#setActive(ctx, false)
  }

  async activate(ctx: HttpContext) {
    return this.#setActive(ctx, true)
  }

  async editPassword({ bouncer, params, view }: HttpContext) {
    const member = await this.#find(params.id)
    await bouncer.with(StaffPolicy).authorize('resetPassword', member)
    return view.render('admin/staff/password', { member })
  }

  async resetPassword({ bouncer, params, request, response, session }: HttpContext) {
    const member = await this.#find(params.id)
    await bouncer.with(StaffPolicy).authorize('resetPassword', member)
    const payload = await request.validateUsing(resetStaffPasswordValidator)
    const { generatedPassword } = await staffAccounts.resetPassword(member, {
      password: payload.password_mode === 'manual' ? payload.password : null,
      mustChangePassword: Boolean(payload.must_change_password),
    })
    session.flash('success', `已重置 ${member.username} 的密码，其已登录的会话将失效`)
    if (generatedPassword) session.flash('generatedPassword', generatedPassword)
    return response.redirect().toRoute('admin.staff.show', { id: member.id })
  }

  async #setActive({ bouncer, params, response, session, auth }: HttpContext, active: boolean) {
    const member = await this.#find(params.id)
    await bouncer.with(StaffPolicy).authorize(active ? 'activate' : 'deactivate', member)
    const changed = await staffAccounts.setActive(member, active, auth.use('admin').user!.id)
    if (changed)
      session.flash(
        'success',
        active ? `已启用 ${member.username}` : `已停用 ${member.username}，其将无法登录后台`
      )
    else session.flash('info', active ? '该账号已是启用状态' : '该账号已是停用状态')
    return response.redirect().toRoute('admin.staff.show', { id: member.id })
  }

  async #find(id: unknown): Promise<Staff> {
    const member = isUuid(id) ? await findStaff(id) : null
    if (!member) throw new NotFoundError()
    return member
  }
}

function roleHelp() {
  return Object.fromEntries(staffRoleKeys().map((key) => [key, staffRoleDescription(key)]))
}
