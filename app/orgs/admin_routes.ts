import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { reviewRoutes } from '#core/http/review_pages'

/**
 * The organisations' back-office pages: 机构认领审核 on the one review page
 * pattern (with the licence and 授权委托书 inline), 机构变更/申诉审核,
 * 沙箱打款记录, and 管理员移交记录 (with the legal representatives' signatures).
 */
const { ClaimReviews, CaseReviews, BankOutbox, TransferRecords } = controllers.orgs.admin

backOfficeRoutes(() => {
  reviewRoutes('org-claims', 'org_claims', ClaimReviews, { file: 'files/:which' })
  reviewRoutes('org-cases', 'org_cases', CaseReviews, { file: 'files/:which' })
  router.get('/orgs/bank-outbox', [BankOutbox, 'index']).as('orgs.bank_outbox')
  router.get('/orgs/transfers', [TransferRecords, 'index']).as('orgs.transfers.index')
  router
    .get('/orgs/transfers/:id/signature', [TransferRecords, 'signature'])
    .as('orgs.transfers.signature')
})
