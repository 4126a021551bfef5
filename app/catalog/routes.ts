import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'

/**
 * Public pages of the catalog module (names "catalog.*"): 通知公告,
 * 操作指南, 下载专区, and the templates of the materials orders ask for.
 */
router
  .group(() => {
    router.get('/notices', [controllers.catalog.Notices, 'index']).as('notices.index')
    router
      .get('/notices/:id', [controllers.catalog.Notices, 'show'])
      .as('notices.show')
      .where('id', router.matchers.uuid())
    router.get('/guides', [controllers.catalog.Guides, 'index']).as('guides.index')
    router
      .get('/guides/:id', [controllers.catalog.Guides, 'show'])
      .as('guides.show')
      .where('id', router.matchers.uuid())
    router.get('/downloads', [controllers.catalog.Downloads, 'index']).as('downloads.index')
    router
      .get('/downloads/:id/file', [controllers.catalog.Downloads, 'file'])
      .as('downloads.file')
      .where('id', router.matchers.uuid())
    router
      .get('/catalog/materials/:id/template', [controllers.catalog.Templates, 'show'])
      .as('templates.show')
      .where('id', router.matchers.uuid())
  })
  .as('catalog')
