import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Back-office pages of the "accounts" area: 申请人, 手机号变更审核 and
 * 账号申诉审核. Prefix /admin, names "admin.*", middleware.staff() on
 * every route, a Bouncer policy in every action.
 */
router
  .group(() => {
    router.get('/applicants', [controllers.admin.Applicants, 'index']).as('applicants.index')
    router.get('/applicants/:id', [controllers.admin.Applicants, 'show']).as('applicants.show')
    router
      .post('/applicants/:id/freeze', [controllers.admin.Applicants, 'freeze'])
      .as('applicants.freeze')
    router
      .post('/applicants/:id/unfreeze', [controllers.admin.Applicants, 'unfreeze'])
      .as('applicants.unfreeze')

    router
      .get('/reviews/phone-changes', [controllers.admin.PhoneChangeReviews, 'index'])
      .as('reviews.phone_changes.index')
    router
      .get('/reviews/phone-changes/:id', [controllers.admin.PhoneChangeReviews, 'show'])
      .as('reviews.phone_changes.show')
    router
      .get('/reviews/phone-changes/:id/photo', [controllers.admin.PhoneChangeReviews, 'photo'])
      .as('reviews.phone_changes.photo')
    router
      .post('/reviews/phone-changes/:id/approve', [controllers.admin.PhoneChangeReviews, 'approve'])
      .as('reviews.phone_changes.approve')
    router
      .post('/reviews/phone-changes/:id/reject', [controllers.admin.PhoneChangeReviews, 'reject'])
      .as('reviews.phone_changes.reject')

    router
      .get('/reviews/appeals', [controllers.admin.AppealReviews, 'index'])
      .as('reviews.appeals.index')
    router
      .get('/reviews/appeals/:id', [controllers.admin.AppealReviews, 'show'])
      .as('reviews.appeals.show')
    router
      .post('/reviews/appeals/:id/approve', [controllers.admin.AppealReviews, 'approve'])
      .as('reviews.appeals.approve')
    router
      .post('/reviews/appeals/:id/reject', [controllers.admin.AppealReviews, 'reject'])
      .as('reviews.appeals.reject')
  })
  .prefix('/admin')
  .as('admin')
  .use(middleware.staff())
