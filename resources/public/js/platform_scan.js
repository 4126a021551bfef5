/*
 * The scan page: leaving it (closing the tab, going back, opening another
 * page) without confirming or cancelling aborts the platform's session,
 * as the mobile-CA apps do. The page's own forms are not leaving, nor
 * the links of 开通 (marked data-keep-session: they come back). Without
 * JavaScript the 取消 button does the same.
 */
;(function () {
  var page = document.querySelector('[data-abort-url]')
  if (!page || !navigator.sendBeacon) return
  var done = false
  document.addEventListener('submit', function () {
    done = true
  })
  /* 开通 during the scan (its order, payment, 办理进度) comes back here: not leaving */
  document.addEventListener('click', function (event) {
    var target = event.target
    if (target && target.closest && target.closest('[data-keep-session]')) done = true
  })
  window.addEventListener('pagehide', function () {
    if (done) return
    done = true
    var form = new FormData()
    var token = page.getAttribute('data-csrf')
    if (token) form.append('_csrf', token)
    navigator.sendBeacon(page.getAttribute('data-abort-url'), form)
  })
})()
