/*
 * 法定代表人在线签署: a signature pad on the canvas (pointer events); the
 * drawing goes into the hidden signature_data field as a PNG data URL.
 * Without JavaScript the canvas stays hidden and the photo upload is used.
 */
;(function () {
  var box = document.querySelector('[data-signature-pad]')
  if (!box) return
  var canvas = box.querySelector('canvas')
  var field = box.querySelector('input[name="signature_data"]')
  var clear = box.querySelector('[data-signature-clear]')
  canvas.hidden = false
  clear.hidden = false
  var ctx = canvas.getContext('2d')
  ctx.lineWidth = 4
  ctx.lineCap = 'round'
  ctx.strokeStyle = '#111'
  var drawing = false
  var drawn = false
  function point(event) {
    var rect = canvas.getBoundingClientRect()
    return {
      x: ((event.clientX - rect.left) * canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * canvas.height) / rect.height,
    }
  }
  canvas.addEventListener('pointerdown', function (event) {
    drawing = true
    var p = point(event)
    ctx.beginPath()
    ctx.moveTo(p.x, p.y)
    canvas.setPointerCapture(event.pointerId)
  })
  canvas.addEventListener('pointermove', function (event) {
    if (!drawing) return
    var p = point(event)
    ctx.lineTo(p.x, p.y)
    ctx.stroke()
    drawn = true
  })
  function end() {
    if (!drawing) return
    drawing = false
    if (drawn) field.value = canvas.toDataURL('image/png')
  }
  canvas.addEventListener('pointerup', end)
  canvas.addEventListener('pointercancel', end)
  clear.addEventListener('click', function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height)
    field.value = ''
    drawn = false
  })
})()
