import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * 实名认证审核 (names "admin.reviews.real_name.*").
 */
router
  .group(() => {
    router.get('/', [controllers.admin.RealNameReviews, 'index']).as('index')
    router.get('/:id', [controllers.admin.RealNameReviews, 'show']).as('show')
    router.get('/:id/photo/:side', [controllers.admin.RealNameReviews, 'photo']).as('photo')
    router.post('/:id/decision', [controllers.admin.RealNameReviews, 'decide']).as('decide')
  })
  .prefix('/admin/reviews/real-name')
  .as('admin.reviews.real_name')
  .use(middleware.staff())
