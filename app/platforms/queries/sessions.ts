import PlatformSession from '#platforms/models/session'
import Integration from '#platforms/models/integration'
import { adapterNamed, allAdapters } from '#platforms/adapters/registry'
import { expireIfDue } from '#platforms/actions/sessions'

/** a session by its TId, with its integration (enabled ones only) */
export async function sessionByTid(tid: unknown) {
  if (typeof tid !== 'string' || !/^[A-Za-z0-9]{11,64}$/.test(tid)) return null
  const session = await PlatformSession.query().where('tid', tid).first()
  if (!session) return null
  const integration = await Integration.query()
    .where('id', session.integrationId)
    .where('enabled', true)
    .first()
  if (!integration) return null
  return {
    session: await expireIfDue(session),
    integration,
    adapter: await adapterNamed(integration.adapter),
  }
}

/** the TId a scanned QR content names, asking each adapter that has its own format */
export async function tidFromQr(content: string) {
  for (const adapter of await allAdapters()) {
    const tid = adapter.hooks.tidFromQr?.(content)
    if (tid) return tid
  }
  return null
}

/**
 * Whose scans a 扫码报告 lists: a person's own (made as 自然人), or an
 * org's — all its members' for an org admin, else the member's own for it.
 */
export type ReportScope =
  { userId: string } | { orgId: string; userId: string; allMembers: boolean }

/** 扫码报告: the scans in scope, newest first, searched by platform, TId or serial */
export async function scanReports(
  scope: ReportScope,
  filters: { q?: string; kind?: string } = {},
  page = 1
) {
  const query = PlatformSession.query()
  if ('orgId' in scope) {
    query.where('platform_sessions.org_id', scope.orgId)
    if (!scope.allMembers) query.where('platform_sessions.user_id', scope.userId)
  } else {
    query.where('platform_sessions.user_id', scope.userId).whereNull('platform_sessions.org_id')
  }
  return query
    .join('platform_integrations', 'platform_integrations.id', 'platform_sessions.integration_id')
    .select('platform_sessions.*', 'platform_integrations.platform_name as platform_name')
    .if(filters.kind, (q) => q.where('platform_sessions.kind', filters.kind!))
    .if(filters.q, (q) =>
      q.where((w) =>
        w
          .where('platform_integrations.platform_name', 'like', `%${filters.q}%`)
          .orWhere('platform_sessions.tid', 'like', `%${filters.q}%`)
          .orWhere('platform_sessions.certificate_serial', 'like', `%${filters.q}%`)
      )
    )
    .orderBy('platform_sessions.created_at', 'desc')
    .paginate(page, 20)
}
