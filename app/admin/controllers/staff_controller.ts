import type { HttpContext } from '@adonisjs/core/http'
import { isUuid } from '#core/ids'
import type Staff from '#admin/models/staff'
import { staffRoleDescription, staffRoleKeys, staffRoles } from '#core/staff'
import StaffPolicy from '#admin/policies/staff_policy'
import staffAccounts, { StaffAccountError } from '#admin/actions/staff_accounts'
import {
  createStaffValidator,
  resetStaffPasswordValidator,
  updateStaffValidator,
} from '#admin/validators'
import { findStaff, listStaff, parseStaffFilters } from '#admin/queries/staff_list'
import { actorTypeLabel, auditActionLabel, listAuditLogs } from '#admin/queries/audit_logs'

const KEEP_OUT = ['_csrf', '_method', 'password', 'password_confirmation']

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

  async store(ctx: HttpContext) {
    const { bouncer, request, response, session } = ctx
    await bouncer.with(StaffPolicy).authorize('create')
    const payload = await request.validateUsing(createStaffValidator)
    try {
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
      return response.redirect(`/admin/staff/${staff.id}`)
    } catch (error) {
      if (error instanceof StaffAccountError) return this.#back(ctx, error, '/admin/staff/create')
      throw error
    }
  }

  async show({ bouncer, params, request, view, response }: HttpContext) {
    const member = await this.#find(params.id)
    if (!member) return response.notFound()
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

  async edit({ bouncer, params, view, response }: HttpContext) {
    const member = await this.#find(params.id)
    if (!member) return response.notFound()
    await bouncer.with(StaffPolicy).authorize('update', member)
    return view.render('admin/staff/edit', { member, roles: staffRoles(), roleHelp: roleHelp() })
  }

  async update(ctx: HttpContext) {
    const { bouncer, params, request, response, session } = ctx
    const member = await this.#find(params.id)
    if (!member) return response.notFound()
    await bouncer.with(StaffPolicy).authorize('update', member)
    const payload = await request.validateUsing(updateStaffValidator)
    try {
      const changed = await staffAccounts.update(member, {
        name: payload.name,
        phone: payload.phone ?? null,
        roles: payload.roles,
      })
      session.flash(changed ? 'success' : 'info', changed ? '已保存修改' : '没有需要保存的修改')
      if (member.id === ctx.auth.use('admin').user!.id && !member.roles.includes('super_admin')) {
        session.flash('success', '已保存修改；您已不再是超级管理员，工作人员管理页面将不再对您开放')
        return response.redirect('/admin')
      }
      return response.redirect(`/admin/staff/${member.id}`)
    } catch (error) {
      if (error instanceof StaffAccountError)
        return this.#back(ctx, error, `/admin/staff/${member.id}/edit`)
      throw error
    }
  }

  async deactivate(ctx: HttpContext) {
    return this.#setActive(ctx, false)
  }

  async activate(ctx: HttpContext) {
    return this.#setActive(ctx, true)
  }

  async editPassword({ bouncer, params, view, response }: HttpContext) {
    const member = await this.#find(params.id)
    if (!member) return response.notFound()
    await bouncer.with(StaffPolicy).authorize('resetPassword', member)
    return view.render('admin/staff/password', { member })
  }

  async resetPassword(ctx: HttpContext) {
    const { bouncer, params, request, response, session } = ctx
    const member = await this.#find(params.id)
    if (!member) return response.notFound()
    await bouncer.with(StaffPolicy).authorize('resetPassword', member)
    const payload = await request.validateUsing(resetStaffPasswordValidator)
    try {
      const { generatedPassword } = await staffAccounts.resetPassword(member, {
        password: payload.password_mode === 'manual' ? payload.password : null,
        mustChangePassword: Boolean(payload.must_change_password),
      })
      session.flash('success', `已重置 ${member.username} 的密码，其已登录的会话将失效`)
      if (generatedPassword) session.flash('generatedPassword', generatedPassword)
      return response.redirect(`/admin/staff/${member.id}`)
    } catch (error) {
      if (error instanceof StaffAccountError)
        return this.#back(ctx, error, `/admin/staff/${member.id}/password`)
      throw error
    }
  }

  async #setActive({ bouncer, params, response, session, auth }: HttpContext, active: boolean) {
    const member = await this.#find(params.id)
    if (!member) return response.notFound()
    await bouncer.with(StaffPolicy).authorize(active ? 'activate' : 'deactivate', member)
    try {
      const changed = await staffAccounts.setActive(member, active, auth.use('admin').user!.id)
      if (changed)
        session.flash(
          'success',
          active ? `已启用 ${member.username}` : `已停用 ${member.username}，其将无法登录后台`
        )
      else session.flash('info', active ? '该账号已是启用状态' : '该账号已是停用状态')
    } catch (error) {
      if (!(error instanceof StaffAccountError)) throw error
      session.flash('error', error.message)
    }
    return response.redirect(`/admin/staff/${member.id}`)
  }

  async #find(id: unknown): Promise<Staff | null> {
    return isUuid(id) ? findStaff(id) : null
  }

  #back({ response, session }: HttpContext, error: StaffAccountError, url: string) {
    session.flashExcept(KEEP_OUT)
    if (error.field) {
      session.flash('inputErrorsBag', { [error.field]: [error.message] })
      session.flash('error', '提交的信息有误，请按提示修改')
    } else {
      session.flash('error', error.message)
    }
    return response.redirect(url)
  }
}

function roleHelp() {
  return Object.fromEntries(staffRoleKeys().map((key) => [key, staffRoleDescription(key)]))
}
