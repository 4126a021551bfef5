import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { reviewRoutes } from '#core/http/review_pages'
import { memberActions } from '#core/http/route_sets'

/**
 * The accounts module's back-office pages (/admin, names "admin.*"):
 * 申请人, and the three reviews on the one review page pattern —
 * 实名认证审核, 手机号变更审核, 账号申诉审核. A Bouncer policy in every action.
 */
const { Applicants, RealNameReviews, PhoneChangeReviews, AppealReviews } =
  controllers.accounts.admin

backOfficeRoutes(() => {
  router.resource('applicants', Applicants).only(['index', 'show'])
  memberActions('/applicants/:id', Applicants, ['freeze', 'unfreeze'], 'applicants')

  reviewRoutes('real-name', 'real_name', RealNameReviews)
  reviewRoutes('phone-changes', 'phone_changes', PhoneChangeReviews)
  reviewRoutes('appeals', 'appeals', AppealReviews)
  router
    .get('/reviews/phone-changes/:id/photo', [PhoneChangeReviews, 'photo'])
    .as('reviews.phone_changes.photo')
  router
    .get('/reviews/real-name/:id/photo/:side', [RealNameReviews, 'photo'])
    .as('reviews.real_name.photo')
  router
    .post('/reviews/real-name/:id/ocr/:side', [RealNameReviews, 'ocr'])
    .as('reviews.real_name.ocr')
    .where('side', /^(front|back)$/)
})
