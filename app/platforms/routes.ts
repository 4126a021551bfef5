import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { memberActions, signedInRoutes } from '#core/http/route_sets'

const c = controllers.platforms

/**
 * The integrator API (JSON, HMAC-signed, CSRF exempt: config/shield.ts
 * exempts /api/platform/), names "platforms.api.*".
 */
router
  .group(() => {
    router.get('/ping', [c.api.PlatformApi, 'ping']).as('ping')
    router.post('/sessions', [c.api.PlatformApi, 'store']).as('sessions.store')
    router.get('/sessions/by-tid/:tid', [c.api.PlatformApi, 'showByTid']).as('sessions.by_tid')
    router.get('/sessions/:id', [c.api.PlatformApi, 'show']).as('sessions.show')
    router.get('/sessions/:id/result', [c.api.PlatformApi, 'result']).as('sessions.result')
    router.post('/tasks', [c.api.PlatformApi, 'pushTask']).as('tasks.store')
    router.get('/tasks/:id', [c.api.PlatformApi, 'showTask']).as('tasks.show')
  })
  .prefix('/api/platform')
  .as('platforms.api')

/**
 * The holder's pages (signed in): the scan page, 我的交易平台, 扫码报告, 待办.
 */
signedInRoutes('platforms', () => {
  router.get('/platform-scan/qr', [c.Scan, 'qr']).as('scan.qr')
  router.get('/platform-scan/:tid', [c.Scan, 'show']).as('scan.show')
  router.post('/platform-scan/:tid', [c.Scan, 'submit']).as('scan.submit')
  memberActions('/platform-scan/:tid', c.Scan, ['abort', 'open'], 'scan')
  router.get('/platform-scan/:tid/done', [c.Scan, 'done']).as('scan.done')
  router.get('/platform-scan/:tid/seals/:sealId', [c.Scan, 'sealImage']).as('scan.seal_image')
  router.get('/my-platforms', [c.MyPlatforms, 'index']).as('index')
  router.post('/my-platforms', [c.MyPlatforms, 'open']).as('open')
  router
    .get('/my-platforms/accounts/:id/register', [c.MyPlatforms, 'register'])
    .as('accounts.register')
  memberActions('/my-platforms/accounts/:id', c.MyPlatforms, ['bind', 'unbind'], 'accounts')
  router.get('/my-platforms/packages/new', [c.Packages, 'create']).as('packages.create')
  router.post('/my-platforms/packages', [c.Packages, 'store']).as('packages.store')
  router.get('/my-platforms/packages/:id/extend', [c.Packages, 'extend']).as('packages.extend')
  router
    .post('/my-platforms/packages/:id/extend', [c.Packages, 'storeExtend'])
    .as('packages.store_extend')
  router
    .get('/my-platforms/seal-packages/new', [c.SealPackages, 'create'])
    .as('seal_packages.create')
  router.post('/my-platforms/seal-packages', [c.SealPackages, 'store']).as('seal_packages.store')
  router
    .get('/my-platforms/seal-packages/:id/extend', [c.SealPackages, 'extend'])
    .as('seal_packages.extend')
  router
    .post('/my-platforms/seal-packages/:id/extend', [c.SealPackages, 'storeExtend'])
    .as('seal_packages.store_extend')
  router.get('/platform-scans', [c.MyPlatforms, 'reports']).as('reports')
  router.get('/platform-tasks', [c.MyPlatforms, 'tasks']).as('tasks')
  router.post('/platform-tasks/sign', [c.MyPlatforms, 'signTasks']).as('tasks.sign')
  router.post('/platform-tasks/:id/refuse', [c.MyPlatforms, 'refuseTask']).as('tasks.refuse')
})

/**
 * 演示交易平台（沙箱）: public, only with demo data on.
 */
router
  .group(() => {
    router.get('/demo-platform', [c.Demo, 'index']).as('index')
    router.post('/demo-platform/sessions', [c.Demo, 'start']).as('start')
    router.get('/demo-platform/sessions/:id', [c.Demo, 'show']).as('show')
  })
  .as('platforms.demo')
