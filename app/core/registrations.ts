/**
 * What core registers at boot (loaded by its module declaration): the SMS
 * purposes and audit labels of the SMS service, the session lifecycle
 * listeners, and the jobs' audit labels.
 */
await import('#core/sms/sms_service')
await import('#core/sessions/lifecycle')
await import('#core/queue/registrations')
