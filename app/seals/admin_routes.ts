import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * 印章审核 (back office): the one review page pattern, plus the faces.
 */
backOfficeRoutes(() => {
  router
    .get('/reviews/seals', [controllers.seals.admin.SealReviews, 'index'])
    .as('reviews.seals.index')
  router
    .get('/reviews/seals/:id', [controllers.seals.admin.SealReviews, 'show'])
    .as('reviews.seals.show')
  router
    .get('/reviews/seals/:id/image/:which', [controllers.seals.admin.SealReviews, 'image'])
    .as('reviews.seals.image')
  router
    .post('/reviews/seals/:id/approve', [controllers.seals.admin.SealReviews, 'approve'])
    .as('reviews.seals.approve')
  router
    .post('/reviews/seals/:id/reject', [controllers.seals.admin.SealReviews, 'reject'])
    .as('reviews.seals.reject')
})
