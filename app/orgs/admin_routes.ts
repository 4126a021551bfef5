import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { reviewRoutes } from '#core/http/review_pages'

/**
 * The organisations' back-office pages: 机构认领审核 on the one review page
 * pattern (with the licence and 授权委托书 inline), 机构变更/申诉审核, and
 * 沙箱打款记录.
 */
backOfficeRoutes(() => {
  reviewRoutes('org-claims', 'org_claims', controllers.orgs.admin.ClaimReviews)
  router
    .get('/reviews/org-claims/:id/files/:which', [controllers.orgs.admin.ClaimReviews, 'file'])
    .as('reviews.org_claims.file')
  reviewRoutes('org-cases', 'org_cases', controllers.orgs.admin.CaseReviews)
  router
    .get('/reviews/org-cases/:id/files/:which', [controllers.orgs.admin.CaseReviews, 'file'])
    .as('reviews.org_cases.file')
  router
    .get('/orgs/bank-outbox', [controllers.orgs.admin.BankOutbox, 'index'])
    .as('orgs.bank_outbox')
})
