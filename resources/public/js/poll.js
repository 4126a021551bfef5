/*
 * Quiet polling for pages that wait for something to happen elsewhere
 * (a face check finished on the phone): an element with data-poll-url
 * and data-poll-state asks the URL (JSON { status }) every few seconds
 * and reloads the page when the status differs. Without JavaScript the
 * page refreshes itself (<noscript><meta http-equiv="refresh"></noscript>).
 */
;(function () {
  var element = document.querySelector('[data-poll-url]')
  if (!element || !window.fetch) return
  var url = element.getAttribute('data-poll-url')
  var state = element.getAttribute('data-poll-state')
  var every = Number(element.getAttribute('data-poll-seconds') || 3) * 1000
  function ask() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null
      })
      .then(function (data) {
        if (data && data.status && data.status !== state) window.location.reload()
        else setTimeout(ask, every)
      })
      .catch(function () {
        setTimeout(ask, every * 2)
      })
  }
  setTimeout(ask, every)
})()
