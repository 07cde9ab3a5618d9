// Clicking anything with a data-box outlines that box on its page's scan, in percentages of the
// image's pixels, so the outline follows any CSS scaling of the image.
document.addEventListener('click', function (event) {
  var el = event.target.closest ? event.target.closest('[data-box]') : null;
  if (!el) return;
  var scan = document.getElementById('scan-' + el.getAttribute('data-page'));
  if (!scan) return;
  var box = el.getAttribute('data-box').split(',').map(Number);
  var width = Number(scan.getAttribute('data-width')), height = Number(scan.getAttribute('data-height'));
  if (box.length !== 4 || !(width > 0) || !(height > 0)) return;
  var mark = scan.querySelector('.highlight');
  mark.style.left = (100 * box[0] / width) + '%';
  mark.style.top = (100 * box[1] / height) + '%';
  mark.style.width = (100 * box[2] / width) + '%';
  mark.style.height = (100 * box[3] / height) + '%';
  mark.hidden = false;
  var previous = document.querySelectorAll('.selected');
  for (var i = 0; i < previous.length; i++) previous[i].classList.remove('selected');
  el.classList.add('selected');
  if (mark.scrollIntoView) mark.scrollIntoView({block: 'nearest'});
});
