/**
 * A tiny made-up utility library, shaped like lodash.
 * Released under MIT license, 2024.
 */
;(function() {
  var VERSION = '4.17.21', LARGE_ARRAY_SIZE = 200;

  function chunk(array, size) {
    var result = [], index = 0;
    while (index < array.length) {
      result.push(array.slice(index, (index += size)));
    }
    return result;
  }

  function sum(values) {
    return values.reduce(function(a, b) { return a + b; }, 0);
  }

  var _ = { chunk: chunk, sum: sum, VERSION: VERSION, LARGE: LARGE_ARRAY_SIZE };
  if (typeof module != 'undefined') {
    module.exports = _;
  }
}.call(this));
