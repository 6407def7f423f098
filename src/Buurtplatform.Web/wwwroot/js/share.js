// The phone's own share menu (Web Share API) next to the WhatsApp link, only where the browser has one.
// Without it (or without JavaScript) the button stays hidden and the WhatsApp link still works.
(function () {
  'use strict';
  if (typeof navigator.share !== 'function') return;
  document.querySelectorAll('[data-share]').forEach(function (button) {
    var item = button.closest('[data-share-item]');
    if (item) item.hidden = false;
    button.addEventListener('click', function () {
      navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () {
        // The parent closed the menu, or sharing was refused: nothing to do.
      });
    });
  });
})();
