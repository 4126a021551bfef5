import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * 印章管理 (signed-in applicants, as themselves or, through 切换身份, for
 * an org): seals, making them, 更换印章, 注销, 失效印章, 用章授权, 用章记录,
 * and the signed e-contracts (电子合同).
 */
router
  .group(() => {
    router.get('/seals', [controllers.seals.Seals, 'index']).as('index')
    router.get('/seals/lapsed', [controllers.seals.Seals, 'lapsed']).as('lapsed')
    router.get('/seals/new', [controllers.seals.Seals, 'create']).as('create')
    router.post('/seals/preview', [controllers.seals.Seals, 'preview']).as('preview')
    router.post('/seals', [controllers.seals.Seals, 'store']).as('store')
    router.get('/seals/photo', [controllers.seals.Seals, 'photoForm']).as('photo.create')
    router
      .post('/seals/photo/recognise', [controllers.seals.Seals, 'recognise'])
      .as('photo.recognise')
    router.post('/seals/photo', [controllers.seals.Seals, 'storePhoto']).as('photo.store')
    router
      .get('/seals/application-form', [controllers.seals.Seals, 'applicationForm'])
      .as('applicationForm')
    router
      .get('/seals/signature', [controllers.seals.Seals, 'signatureForm'])
      .as('signature.create')
    router
      .post('/seals/signature', [controllers.seals.Seals, 'storeSignature'])
      .as('signature.store')
    router.get('/seals/grants', [controllers.seals.Grants, 'index']).as('grants.index')
    router.post('/seals/grants', [controllers.seals.Grants, 'store']).as('grants.store')
    router
      .post('/seals/grants/:id/withdraw', [controllers.seals.Grants, 'withdraw'])
      .as('grants.withdraw')
    router.get('/seals/usages', [controllers.seals.Grants, 'usages']).as('usages')
    router.get('/seals/contracts', [controllers.seals.Contracts, 'index']).as('contracts.index')
    router
      .get('/seals/contracts/new', [controllers.seals.Contracts, 'create'])
      .as('contracts.create')
    router.post('/seals/contracts', [controllers.seals.Contracts, 'store']).as('contracts.store')
    router.get('/seals/contracts/:id', [controllers.seals.Contracts, 'show']).as('contracts.show')
    router
      .get('/seals/contracts/:id/contract.pdf', [controllers.seals.Contracts, 'pdf'])
      .as('contracts.pdf')
    router.get('/seals/:id', [controllers.seals.Seals, 'show']).as('show')
    router.get('/seals/:id/image.png', [controllers.seals.Seals, 'image']).as('image')
    router
      .get('/seals/:id/seal-data/:part', [controllers.seals.Seals, 'sealData'])
      .where('part', /^(data|signature)$/)
      .as('sealData')
    router.post('/seals/:id/replace', [controllers.seals.Seals, 'replace']).as('replace')
    router.post('/seals/:id/revoke', [controllers.seals.Seals, 'revoke']).as('revoke')
  })
  .as('seals')
  .use(middleware.auth())
