// Clicking a sortable column header sorts the rows by that column's data-value (else its text),
// numbers as numbers, blanks last; clicking again reverses the order.
document.addEventListener('click', function (event) {
  var th = event.target.closest ? event.target.closest('th.sortable') : null;
  if (!th) return;
  var table = th.closest('table'), body = table.tBodies[0];
  var column = Array.prototype.indexOf.call(th.parentNode.children, th);
  var ascending = th.getAttribute('data-order') !== 'asc';
  var headers = th.parentNode.children;
  for (var i = 0; i < headers.length; i++) headers[i].removeAttribute('data-order');
  th.setAttribute('data-order', ascending ? 'asc' : 'desc');
  function key(row) {
    var cell = row.cells[column], value = cell.getAttribute('data-value');
    return value === null ? cell.textContent.trim() : value;
  }
  function compare(a, b) {
    var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    if (x === '' || y === '') return x === y ? 0 : (x === '' ? 1 : -1);  // blanks last
    var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
    return ascending ? order : -order;
  }
  Array.prototype.slice.call(body.rows).sort(compare).forEach(function (row) { body.appendChild(row); });
});
