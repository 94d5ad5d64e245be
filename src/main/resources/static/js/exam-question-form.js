// The question form: shows the options and the answer hint that belong to the chosen type.
(function () {
  'use strict';
  function update() {
    var type = document.getElementById('type');
    if (!type) {
      return;
    }
    document.querySelectorAll('[data-for-types]').forEach(function (element) {
      var types = element.getAttribute('data-for-types').split(' ');
      element.hidden = type.value !== '' && types.indexOf(type.value) < 0;
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var type = document.getElementById('type');
    if (type) {
      type.addEventListener('change', update);
      update();
    }
  });
})();
