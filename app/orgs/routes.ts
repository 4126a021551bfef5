import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { formRoutes, memberActions, signedInRoutes } from '#core/http/route_sets'

/**
 * Organisations (signed-in applicants): 我的机构, 查询机构, 认领, 加入,
 * 切换身份, 历史关联, and an org's pages for its members (成员, 审核管理,
 * 管理员移交, 注销). Every org page checks the person's active membership
 * (another org, a guessed id, an org they left: 404).
 */
const orgs = controllers.orgs

/* 法定代表人在线签署: the link the legal representative receives (no account needed) */
router
  .group(() => {
    router.get('/orgs/sign/:token', [orgs.Signing, 'show']).as('sign.show')
    router.get('/orgs/sign/:token/status', [orgs.Signing, 'status']).as('sign.status')
    router.post('/orgs/sign/:token', [orgs.Signing, 'store']).as('sign.store')
    /* 管理员移交: the legal representative's one-time link */
    router
      .get('/orgs/:id/transfer/sign/:token', [orgs.Transfers, 'signShow'])
      .as('transfer_sign.show')
    router
      .post('/orgs/:id/transfer/sign/:token', [orgs.Transfers, 'signStore'])
      .as('transfer_sign.store')
  })
  .as('orgs')

signedInRoutes('orgs', () => {
  router.get('/orgs', [orgs.Orgs, 'index']).as('index')
  router.get('/orgs/search', [orgs.Orgs, 'search']).as('search')
  router.get('/orgs/history', [orgs.Orgs, 'history']).as('history')
  router.get('/orgs/letter-template', [orgs.Orgs, 'letterTemplate']).as('letter')
  router.get('/orgs/identity', [orgs.Identity, 'show']).as('identity.show')
  router.post('/orgs/identity', [orgs.Identity, 'update']).as('identity.update')

  formRoutes('/orgs/claim', 'claims', orgs.Claims)
  router.get('/orgs/claims/:id', [orgs.Claims, 'show']).as('claims.show')
  memberActions('/orgs/claims/:id', orgs.Claims, ['deposit', 'manual', 'cancel'], 'claims')
  router.get('/orgs/claims/:id/licence', [orgs.Claims, 'licence']).as('claims.licence')

  formRoutes('/orgs/appeal', 'appeal', orgs.Cases, 'create', ['appealForm', 'appeal'])
  router.get('/orgs/join', [orgs.Joins, 'create']).as('join.create')
  memberActions('/orgs/join', orgs.Joins, ['verify', 'apply'], 'join')

  /* an org's own pages, for its members */
  router.get('/orgs/:id', [orgs.Orgs, 'show']).as('show')
  router.get('/orgs/:id/licence', [orgs.Orgs, 'licence']).as('licence')
  router
    .resource('orgs.members', orgs.Members)
    .only(['index', 'store'])
    .params({ orgs: 'id' })
    .as('members')
  router
    .get('/orgs/:id/members/:memberId/remove', [orgs.Members, 'confirmRemove'])
    .as('members.confirmRemove')
  router.post('/orgs/:id/members/:memberId/remove', [orgs.Members, 'destroy']).as('members.destroy')
  formRoutes('/orgs/:id/leave', 'leave', orgs.Members, 'create', ['confirmLeave', 'leave'])
  router.post('/orgs/:id/seal', [orgs.Members, 'seal']).as('seal.store')
  formRoutes('/orgs/:id/transfer', 'transfer', orgs.Transfers)
  router.post('/orgs/:id/transfer/cancel', [orgs.Transfers, 'cancel']).as('transfer.cancel')
  router
    .get('/orgs/:id/transfers/:transferId/signature', [orgs.Transfers, 'signature'])
    .as('transfer.signature')
  formRoutes('/orgs/:id/deregister', 'deregister', orgs.Members, 'create', [
    'deregisterForm',
    'deregister',
  ])
  formRoutes('/orgs/:id/change', 'change', orgs.Cases, 'create', ['changeForm', 'change'])

  /* 审核管理: the org admin's review of join applications */
  router
    .resource('orgs.approvals', orgs.Approvals)
    .only(['index', 'show'])
    .params({ orgs: 'id', approvals: 'applicationId' })
    .as('approvals')
  memberActions(
    '/orgs/:id/approvals/:applicationId',
    orgs.Approvals,
    ['approve', 'reject'],
    'approvals'
  )
})
