import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { reviewRoutes } from '#core/http/review_pages'

/**
 * The accounts module's back-office pages (/admin, names "admin.*"):
 * 申请人, and the three reviews on the one review page pattern —
 * 实名认证审核, 手机号变更审核, 账号申诉审核. A Bouncer policy in every action.
 */
backOfficeRoutes(() => {
  router.get('/applicants', [controllers.accounts.admin.Applicants, 'index']).as('applicants.index')
  router
    .get('/applicants/:id', [controllers.accounts.admin.Applicants, 'show'])
    .as('applicants.show')
  router
    .post('/applicants/:id/freeze', [controllers.accounts.admin.Applicants, 'freeze'])
    .as('applicants.freeze')
  router
    .post('/applicants/:id/unfreeze', [controllers.accounts.admin.Applicants, 'unfreeze'])
    .as('applicants.unfreeze')

  reviewRoutes('real-name', 'real_name', controllers.accounts.admin.RealNameReviews)
  reviewRoutes('phone-changes', 'phone_changes', controllers.accounts.admin.PhoneChangeReviews)
  reviewRoutes('appeals', 'appeals', controllers.accounts.admin.AppealReviews)
  router
    .get('/reviews/phone-changes/:id/photo', [
      controllers.accounts.admin.PhoneChangeReviews,
      'photo',
    ])
    .as('reviews.phone_changes.photo')
  router
    .get('/reviews/real-name/:id/photo/:side', [
      controllers.accounts.admin.RealNameReviews,
      'photo',
    ])
    .as('reviews.real_name.photo')
})
