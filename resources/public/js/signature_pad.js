/*
 * 签名板: draws on the canvas with pointer events (pen width and colour,
 * undo the last stroke, clear) and puts the drawing into the form's
 * hidden `signature_data` as a transparent PNG data URL on submit. Without
 * JavaScript the pad stays hidden and the upload field is used instead.
 */
;(function () {
  'use strict'
  var box = document.querySelector('[data-signature-pad]')
  if (!box) return
  var form = box.closest('form')
  var canvas = box.querySelector('canvas')
  var ctx = canvas.getContext('2d')
  var hidden = box.querySelector('input[name="signature_data"]')
  var widthSelect = box.querySelector('[data-pad-width]')
  var colorSelect = box.querySelector('[data-pad-color]')
  var strokes = []
  var current = null

  box.hidden = false

  function point(event) {
    var rect = canvas.getBoundingClientRect()
    return {
      x: ((event.clientX - rect.left) * canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * canvas.height) / rect.height,
    }
  }

  function redraw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height)
    strokes.forEach(function (stroke) {
      ctx.strokeStyle = stroke.color
      ctx.lineWidth = stroke.width
      ctx.lineCap = 'round'
      ctx.lineJoin = 'round'
      ctx.beginPath()
      stroke.points.forEach(function (p, i) {
        if (i === 0) ctx.moveTo(p.x, p.y)
        else ctx.lineTo(p.x, p.y)
      })
      if (stroke.points.length === 1) ctx.lineTo(stroke.points[0].x + 0.1, stroke.points[0].y)
      ctx.stroke()
    })
  }

  canvas.addEventListener('pointerdown', function (event) {
    event.preventDefault()
    if (canvas.setPointerCapture) canvas.setPointerCapture(event.pointerId)
    current = {
      color: colorSelect.value,
      width: Number(widthSelect.value) * (canvas.width / Math.max(canvas.clientWidth, 1)),
      points: [point(event)],
    }
    strokes.push(current)
    redraw()
  })
  canvas.addEventListener('pointermove', function (event) {
    if (!current) return
    event.preventDefault()
    current.points.push(point(event))
    redraw()
  })
  function end() {
    current = null
  }
  canvas.addEventListener('pointerup', end)
  canvas.addEventListener('pointercancel', end)

  box.querySelector('[data-pad-clear]').addEventListener('click', function () {
    strokes = []
    redraw()
  })
  box.querySelector('[data-pad-undo]').addEventListener('click', function () {
    strokes.pop()
    redraw()
  })

  form.addEventListener('submit', function () {
    hidden.value = strokes.length ? canvas.toDataURL('image/png') : ''
  })
})()
