import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'

/**
 * Public pages of the catalog module (names "catalog.*"): 通知公告,
 * 操作指南, 下载专区, and the templates of the materials orders ask for.
 */
const catalog = controllers.catalog

router
  .group(() => {
    router.resource('notices', catalog.Notices).only(['index', 'show'])
    router.resource('guides', catalog.Guides).only(['index', 'show'])
    router.get('/downloads', [catalog.Downloads, 'index']).as('downloads.index')
    router.get('/downloads/:id/file', [catalog.Downloads, 'file']).as('downloads.file')
    router.get('/catalog/materials/:id/template', [catalog.Templates, 'show']).as('templates.show')
  })
  .where('id', router.matchers.uuid())
  .as('catalog')
