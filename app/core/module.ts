import { defineModule } from '#core/modules'

/**
 * core: the message centre's pages, the SMS purposes, the session
 * lifecycle and the audit labels of core's own subjects.
 */
export default defineModule({
  name: 'core',
  routes: () => import('#core/routes'),
  boot: () => import('#core/registrations'),
  backOffice: {
    auditSubjects: { message: '站内消息', sms_message: '短信', job: '后台任务' },
  },
})
