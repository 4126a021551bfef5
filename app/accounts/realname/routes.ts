import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * 实名认证 (names "accounts.real_name.*"): the applicant's page with its
 * methods (身份证核验, 人脸识别, 银行卡四要素, 运营商三要素, 人工审核), the
 * face session's waiting page; and, without a login, the face provider's
 * callback, the page the phone returns to, and the sandbox's own H5 page.
 */
router
  .group(() => {
    router.get('/account/real-name', [controllers.accounts.realname.RealName, 'show']).as('show')
    router
      .post('/account/real-name/online', [controllers.accounts.realname.RealName, 'verifyOnline'])
      .as('online')
    router
      .post('/account/real-name/bank-card', [controllers.accounts.realname.RealName, 'bankCard'])
      .as('bank_card')
    router
      .post('/account/real-name/operator', [controllers.accounts.realname.RealName, 'operator'])
      .as('operator')
    router
      .post('/account/real-name/manual', [controllers.accounts.realname.RealName, 'submitManual'])
      .as('manual')
    router
      .post('/account/real-name/face', [controllers.accounts.realname.Face, 'store'])
      .as('face.store')
    router
      .get('/account/real-name/face/:id', [controllers.accounts.realname.Face, 'show'])
      .as('face.show')
      .where('id', router.matchers.uuid())
    router
      .get('/account/real-name/face/:id/status', [controllers.accounts.realname.Face, 'status'])
      .as('face.status')
      .where('id', router.matchers.uuid())
  })
  .as('accounts.real_name')
  .use(middleware.auth())

router
  .group(() => {
    router
      .post('/realname/callback/face', [controllers.accounts.realname.FaceCallback, 'handle'])
      .as('face.callback')
    router
      .get('/realname/face/done', [controllers.accounts.realname.FaceCallback, 'done'])
      .as('face.done')
    router
      .get('/realname/sandbox/face/:token', [controllers.accounts.realname.SandboxFace, 'show'])
      .as('sandbox_face.show')
    router
      .post('/realname/sandbox/face/:token', [controllers.accounts.realname.SandboxFace, 'submit'])
      .as('sandbox_face.submit')
  })
  .as('accounts.real_name')
