import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

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

  router
    .get('/reviews/real-name', [controllers.accounts.admin.RealNameReviews, 'index'])
    .as('reviews.real_name.index')
  router
    .get('/reviews/real-name/:id', [controllers.accounts.admin.RealNameReviews, 'show'])
    .as('reviews.real_name.show')
  router
    .post('/reviews/real-name/:id/approve', [controllers.accounts.admin.RealNameReviews, 'approve'])
    .as('reviews.real_name.approve')
  router
    .post('/reviews/real-name/:id/reject', [controllers.accounts.admin.RealNameReviews, 'reject'])
    .as('reviews.real_name.reject')

  router
    .get('/reviews/phone-changes', [controllers.accounts.admin.PhoneChangeReviews, 'index'])
    .as('reviews.phone_changes.index')
  router
    .get('/reviews/phone-changes/:id', [controllers.accounts.admin.PhoneChangeReviews, 'show'])
    .as('reviews.phone_changes.show')
  router
    .post('/reviews/phone-changes/:id/approve', [
      controllers.accounts.admin.PhoneChangeReviews,
      'approve',
    ])
    .as('reviews.phone_changes.approve')
  router
    .post('/reviews/phone-changes/:id/reject', [
      controllers.accounts.admin.PhoneChangeReviews,
      'reject',
    ])
    .as('reviews.phone_changes.reject')

  router
    .get('/reviews/appeals', [controllers.accounts.admin.AppealReviews, 'index'])
    .as('reviews.appeals.index')
  router
    .get('/reviews/appeals/:id', [controllers.accounts.admin.AppealReviews, 'show'])
    .as('reviews.appeals.show')
  router
    .post('/reviews/appeals/:id/approve', [controllers.accounts.admin.AppealReviews, 'approve'])
    .as('reviews.appeals.approve')
  router
    .post('/reviews/appeals/:id/reject', [controllers.accounts.admin.AppealReviews, 'reject'])
    .as('reviews.appeals.reject')
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
  router
    .post('/reviews/real-name/:id/ocr/:side', [controllers.accounts.admin.RealNameReviews, 'ocr'])
    .as('reviews.real_name.ocr')
    .where('side', /^(front|back)$/)
})
