import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { reviewRoutes } from '#core/http/review_pages'

/**
 * 印章审核 (back office): the one review page pattern, plus the faces.
 */
backOfficeRoutes(() => {
  reviewRoutes('seals', 'seals', controllers.seals.admin.SealReviews, { image: 'image/:which' })
})
