// "Gebruik mijn locatie": the phone finds the nearest postcode itself and only that postcode is
// sent, so the parent's coordinates never leave the phone. Also trims "2525 AB" to "2525" before
// sending: the site only uses the four digits. Without JavaScript the postcode field does the job.
// Used by the one form marked data-near-me on a page: the home page, the agenda and search.
(function () {
    'use strict';
    var form = document.querySelector('form[data-near-me]');
    if (!form) return;
    var input = form.querySelector('input[name=postcode]');
    var button = form.querySelector('[data-locate]');
    var status = form.querySelector('[data-locate-status]');

    form.addEventListener('submit', function () {
        var m = /^\s*([1-9][0-9]{3})\s*-?\s*[a-zA-Z]{0,2}\s*$/.exec(input.value);
        if (m) input.value = m[1];
    });

    if (!button || !('geolocation' in navigator) || !window.fetch) return;
    button.hidden = false;
    button.addEventListener('click', function () {
        status.textContent = button.dataset.busy;
        navigator.geolocation.getCurrentPosition(function (position) {
            fetch('/postcodes.json').then(function (r) { return r.json(); }).then(function (centres) {
                var lat = position.coords.latitude, lon = position.coords.longitude, best = null, bestD = Infinity;
                var k = Math.cos(lat * Math.PI / 180);
                centres.forEach(function (c) {
                    var dy = c[1] - lat, dx = (c[2] - lon) * k, d = dx * dx + dy * dy;
                    if (d < bestD) { bestD = d; best = c[0]; }
                });
                if (best === null) throw new Error('no postcodes');
                input.value = String(best);
                status.textContent = '';
                form.submit();
            }).catch(function () { status.textContent = button.dataset.failed; });
        }, function () { status.textContent = button.dataset.failed; }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
})();
