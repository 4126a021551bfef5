import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * The organisations' back-office pages: 机构认领审核 on the one review page
 * pattern (with the licence and 授权委托书 inline), 机构变更/申诉审核, and
 * 沙箱打款记录.
 */
backOfficeRoutes(() => {
  router
    .get('/reviews/org-claims', [controllers.orgs.admin.ClaimReviews, 'index'])
    .as('reviews.org_claims.index')
  router
    .get('/reviews/org-claims/:id', [controllers.orgs.admin.ClaimReviews, 'show'])
    .as('reviews.org_claims.show')
  router
    .get('/reviews/org-claims/:id/files/:which', [controllers.orgs.admin.ClaimReviews, 'file'])
    .as('reviews.org_claims.file')
  router
    .post('/reviews/org-claims/:id/approve', [controllers.orgs.admin.ClaimReviews, 'approve'])
    .as('reviews.org_claims.approve')
  router
    .post('/reviews/org-claims/:id/reject', [controllers.orgs.admin.ClaimReviews, 'reject'])
    .as('reviews.org_claims.reject')
  router
    .get('/reviews/org-cases', [controllers.orgs.admin.CaseReviews, 'index'])
    .as('reviews.org_cases.index')
  router
    .get('/reviews/org-cases/:id', [controllers.orgs.admin.CaseReviews, 'show'])
    .as('reviews.org_cases.show')
  router
    .get('/reviews/org-cases/:id/files/:which', [controllers.orgs.admin.CaseReviews, 'file'])
    .as('reviews.org_cases.file')
  router
    .post('/reviews/org-cases/:id/approve', [controllers.orgs.admin.CaseReviews, 'approve'])
    .as('reviews.org_cases.approve')
  router
    .post('/reviews/org-cases/:id/reject', [controllers.orgs.admin.CaseReviews, 'reject'])
    .as('reviews.org_cases.reject')
  router
    .get('/orgs/bank-outbox', [controllers.orgs.admin.BankOutbox, 'index'])
    .as('orgs.bank_outbox')
})
