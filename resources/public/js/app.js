/*
 * Progressive enhancements only: every form works without this file.
 * - 获取验证码: send in the background and count down instead of reloading.
 * - data-confirm: ask before destructive submits.
 */
;(function () {
  function countdown(button, seconds) {
    var label = button.getAttribute('data-label') || button.textContent
    button.setAttribute('data-label', label)
    button.disabled = true
    var left = seconds
    button.textContent = left + ' 秒后重新获取'
    var timer = setInterval(function () {
      left -= 1
      if (left <= 0) {
        clearInterval(timer)
        button.disabled = false
        button.textContent = label
      } else {
        button.textContent = left + ' 秒后重新获取'
      }
    }, 1000)
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-sms-send]')
    if (!button || !window.fetch) return
    var form = button.form
    var phoneField = form.querySelector(
      '[name="' + (button.getAttribute('data-phone-field') || 'phone') + '"]'
    )
    var status = form.querySelector('[data-sms-status]')
    var csrf = form.querySelector('[name="_csrf"]')
    if (!phoneField || !csrf) return
    event.preventDefault()
    var body = new URLSearchParams()
    body.set('_csrf', csrf.value)
    body.set('phone', phoneField.value)
    body.set('purpose', button.getAttribute('data-purpose') || '')
    fetch('/sms/codes', {
      method: 'POST',
      headers: {
        'Accept': 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
      credentials: 'same-origin',
    })
      .then(function (r) {
        return r.json()
      })
      .then(function (data) {
        if (status) status.textContent = data.message
        if (data.ok) countdown(button, data.cooldown || 60)
        else if (data.retryAfter && data.retryAfter <= 60) countdown(button, data.retryAfter)
      })
      .catch(function () {
        if (status) status.textContent = '网络异常，请稍后重试'
      })
  })

  document.addEventListener('submit', function (event) {
    var form = event.target
    var submitter = event.submitter
    var message =
      (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm')
    if (message && !window.confirm(message)) event.preventDefault()
  })
})()
