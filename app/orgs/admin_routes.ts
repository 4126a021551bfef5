import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * The organisations' back-office pages: 机构认领审核 on the one review page
 * pattern (with the licence and 授权委托书 inline), and 沙箱打款记录.
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
    .get('/orgs/bank-outbox', [controllers.orgs.admin.BankOutbox, 'index'])
    .as('orgs.bank_outbox')
})
