import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Organisations (signed-in applicants): 我的机构, 查询机构, 认领, 加入,
 * 切换身份, 历史关联, and an org's pages for its members (成员, 审核管理,
 * 管理员移交, 注销). Every org page checks the person's active membership
 * (another org, a guessed id, an org they left: 404).
 */
/* 法定代表人在线签署: the link the legal representative receives (no account needed) */
router
  .group(() => {
    router.get('/orgs/sign/:token', [controllers.orgs.Signing, 'show']).as('sign.show')
    router.post('/orgs/sign/:token', [controllers.orgs.Signing, 'store']).as('sign.store')
  })
  .as('orgs')

router
  .group(() => {
    router.get('/orgs', [controllers.orgs.Orgs, 'index']).as('index')
    router.get('/orgs/search', [controllers.orgs.Orgs, 'search']).as('search')
    router.get('/orgs/history', [controllers.orgs.Orgs, 'history']).as('history')
    router.get('/orgs/letter-template', [controllers.orgs.Orgs, 'letterTemplate']).as('letter')
    router.get('/orgs/identity', [controllers.orgs.Identity, 'show']).as('identity.show')
    router.post('/orgs/identity', [controllers.orgs.Identity, 'update']).as('identity.update')

    router.get('/orgs/claim', [controllers.orgs.Claims, 'create']).as('claims.create')
    router.post('/orgs/claim', [controllers.orgs.Claims, 'store']).as('claims.store')
    router.get('/orgs/claims/:id', [controllers.orgs.Claims, 'show']).as('claims.show')
    router
      .post('/orgs/claims/:id/deposit', [controllers.orgs.Claims, 'deposit'])
      .as('claims.deposit')
    router.post('/orgs/claims/:id/manual', [controllers.orgs.Claims, 'manual']).as('claims.manual')
    router.post('/orgs/claims/:id/cancel', [controllers.orgs.Claims, 'cancel']).as('claims.cancel')
    router
      .get('/orgs/claims/:id/licence', [controllers.orgs.Claims, 'licence'])
      .as('claims.licence')

    router.get('/orgs/appeal', [controllers.orgs.Cases, 'appealForm']).as('appeal.create')
    router.post('/orgs/appeal', [controllers.orgs.Cases, 'appeal']).as('appeal.store')
    router.get('/orgs/join', [controllers.orgs.Joins, 'create']).as('join.create')
    router.post('/orgs/join/verify', [controllers.orgs.Joins, 'verify']).as('join.verify')
    router.post('/orgs/join/apply', [controllers.orgs.Joins, 'apply']).as('join.apply')

    router.get('/orgs/:id', [controllers.orgs.Orgs, 'show']).as('show')
    router.get('/orgs/:id/licence', [controllers.orgs.Orgs, 'licence']).as('licence')
    router.get('/orgs/:id/members', [controllers.orgs.Members, 'index']).as('members.index')
    router.post('/orgs/:id/members', [controllers.orgs.Members, 'store']).as('members.store')
    router
      .get('/orgs/:id/members/:memberId/remove', [controllers.orgs.Members, 'confirmRemove'])
      .as('members.confirmRemove')
    router
      .post('/orgs/:id/members/:memberId/remove', [controllers.orgs.Members, 'destroy'])
      .as('members.destroy')
    router.get('/orgs/:id/leave', [controllers.orgs.Members, 'confirmLeave']).as('leave.create')
    router.post('/orgs/:id/leave', [controllers.orgs.Members, 'leave']).as('leave.store')
    router.post('/orgs/:id/seal', [controllers.orgs.Members, 'seal']).as('seal.store')
    router
      .get('/orgs/:id/transfer', [controllers.orgs.Members, 'transferForm'])
      .as('transfer.create')
    router.post('/orgs/:id/transfer', [controllers.orgs.Members, 'transfer']).as('transfer.store')
    router
      .get('/orgs/:id/deregister', [controllers.orgs.Members, 'deregisterForm'])
      .as('deregister.create')
    router
      .post('/orgs/:id/deregister', [controllers.orgs.Members, 'deregister'])
      .as('deregister.store')
    router.get('/orgs/:id/change', [controllers.orgs.Cases, 'changeForm']).as('change.create')
    router.post('/orgs/:id/change', [controllers.orgs.Cases, 'change']).as('change.store')
    router.get('/orgs/:id/approvals', [controllers.orgs.Approvals, 'index']).as('approvals.index')
    router
      .get('/orgs/:id/approvals/:applicationId', [controllers.orgs.Approvals, 'show'])
      .as('approvals.show')
    router
      .post('/orgs/:id/approvals/:applicationId/approve', [controllers.orgs.Approvals, 'approve'])
      .as('approvals.approve')
    router
      .post('/orgs/:id/approvals/:applicationId/reject', [controllers.orgs.Approvals, 'reject'])
      .as('approvals.reject')
  })
  .as('orgs')
  .use(middleware.auth())
