// What HEC's pages (audit trail, API tokens, bulk start) share: elements built with their text through textContent
// (nothing an API returns is parsed as HTML) and dates written as the rest of the application writes them (UTC).
var CwbiPage = (function () {
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function when(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear() + ' ' +
      two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
  }

  return {el: el, when: when};
})();
