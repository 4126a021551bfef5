import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { formRoutes, memberActions, signedInRoutes } from '#core/http/route_sets'

/**
 * 印章管理 (signed-in applicants, as themselves or, through 切换身份, for
 * an org): seals, making them, 更换印章, 注销, 失效印章, 用章授权, 用章记录,
 * and the signed e-contracts (电子合同).
 */
const seals = controllers.seals

signedInRoutes('seals', () => {
  router.get('/seals', [seals.Seals, 'index']).as('index')
  router.get('/seals/lapsed', [seals.Seals, 'lapsed']).as('lapsed')
  router.get('/seals/new', [seals.Seals, 'create']).as('create')
  router.post('/seals/preview', [seals.Seals, 'preview']).as('preview')
  router.post('/seals', [seals.Seals, 'store']).as('store')
  router.get('/seals/photo', [seals.Seals, 'photoForm']).as('photo.create')
  router.post('/seals/photo/recognise', [seals.Seals, 'recognise']).as('photo.recognise')
  router.post('/seals/photo', [seals.Seals, 'storePhoto']).as('photo.store')
  router.get('/seals/application-form', [seals.Seals, 'applicationForm']).as('applicationForm')
  formRoutes('/seals/signature', 'signature', seals.Seals, 'create', [
    'signatureForm',
    'storeSignature',
  ])

  router.get('/seals/grants', [seals.Grants, 'index']).as('grants.index')
  router.post('/seals/grants', [seals.Grants, 'store']).as('grants.store')
  memberActions('/seals/grants/:id', seals.Grants, ['withdraw'], 'grants')
  router.get('/seals/usages', [seals.Grants, 'usages']).as('usages')

  router.get('/seals/contracts', [seals.Contracts, 'index']).as('contracts.index')
  router.get('/seals/contracts/new', [seals.Contracts, 'create']).as('contracts.create')
  router.post('/seals/contracts', [seals.Contracts, 'store']).as('contracts.store')
  router.get('/seals/contracts/:id', [seals.Contracts, 'show']).as('contracts.show')
  router.get('/seals/contracts/:id/contract.pdf', [seals.Contracts, 'pdf']).as('contracts.pdf')

  router.get('/seals/:id', [seals.Seals, 'show']).as('show')
  router.get('/seals/:id/image.png', [seals.Seals, 'image']).as('image')
  router
    .get('/seals/:id/seal-data/:part', [seals.Seals, 'sealData'])
    .where('part', /^(data|signature)$/)
    .as('sealData')
  memberActions('/seals/:id', seals.Seals, ['replace', 'revoke'])
})
