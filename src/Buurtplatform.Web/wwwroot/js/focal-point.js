// Focal point by clicking the photo: sets the two percentage fields the form already has.
// Without JavaScript the fields are typed; nothing here is needed to use the page.
(function () {
    'use strict';
    var img = document.querySelector('img[data-focal-x][data-focal-y]');
    if (!img) return;
    var x = document.getElementById(img.getAttribute('data-focal-x'));
    var y = document.getElementById(img.getAttribute('data-focal-y'));
    if (!x || !y) return;

    var figure = img.parentElement;
    var marker = document.createElement('span');
    marker.className = 'focal-marker';
    marker.setAttribute('aria-hidden', 'true');
    figure.appendChild(marker);

    function show() {
        marker.style.insetInlineStart = (Number(x.value) || 0) + '%';
        marker.style.insetBlockStart = (Number(y.value) || 0) + '%';
    }

    img.addEventListener('click', function (e) {
        var box = img.getBoundingClientRect();
        x.value = Math.round(Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)) * 100);
        y.value = Math.round(Math.min(1, Math.max(0, (e.clientY - box.top) / box.height)) * 100);
        show();
    });
    x.addEventListener('input', show);
    y.addEventListener('input', show);
    img.classList.add('focal-clickable');
    show();
})();
