import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { memberActions, signedInRoutes } from '#core/http/route_sets'

/**
 * 实名认证 (names "accounts.real_name.*"): the applicant's page with its
 * methods (身份证核验, 人脸识别, 银行卡四要素, 运营商三要素, 人工审核), the
 * face session's waiting page; and, without a login, the face provider's
 * callback, the page the phone returns to, and the sandbox's own H5 page.
 */
const realName = controllers.accounts.realname

signedInRoutes('accounts.real_name', () => {
  router.get('/account/real-name', [realName.RealName, 'show']).as('show')
  router.post('/account/real-name/online', [realName.RealName, 'verifyOnline']).as('online')
  memberActions('/account/real-name', realName.RealName, ['bankCard', 'operator'])
  router.post('/account/real-name/manual', [realName.RealName, 'submitManual']).as('manual')
  router.post('/account/real-name/face', [realName.Face, 'store']).as('face.store')
  router.get('/account/real-name/face/:id', [realName.Face, 'show']).as('face.show')
  router.get('/account/real-name/face/:id/status', [realName.Face, 'status']).as('face.status')
}).where('id', router.matchers.uuid())

router
  .group(() => {
    router.post('/realname/callback/face', [realName.FaceCallback, 'handle']).as('face.callback')
    router.get('/realname/face/done', [realName.FaceCallback, 'done']).as('face.done')
    router
      .get('/realname/sandbox/face/:token', [realName.SandboxFace, 'show'])
      .as('sandbox_face.show')
    router
      .post('/realname/sandbox/face/:token', [realName.SandboxFace, 'submit'])
      .as('sandbox_face.submit')
  })
  .as('accounts.real_name')
