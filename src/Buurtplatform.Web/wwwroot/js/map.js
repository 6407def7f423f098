// "Toon op kaart": reveals the map button (the block is hidden without JavaScript), and on the first
// press loads Leaflet from our own host, then the tiles from the configured tile server. Markers come
// from the list items (data-lat, data-lon, data-name, data-url): each is a focusable button named after
// the place, so the map can be used with the keyboard; Enter opens a popup with the link.
(function () {
    'use strict';
    var loading = null;

    function loadLeaflet(base) {
        if (window.L) return Promise.resolve();
        if (loading) return loading;
        loading = new Promise(function (resolve, reject) {
            var css = document.createElement('link');
            css.rel = 'stylesheet';
            css.href = base + 'leaflet.css';
            document.head.appendChild(css);
            var js = document.createElement('script');
            js.src = base + 'leaflet.js';
            js.onload = function () { resolve(); };
            js.onerror = function () { loading = null; reject(new Error('Leaflet did not load')); };
            document.head.appendChild(js);
        });
        return loading;
    }

    function text(tag, value, className) {
        var el = document.createElement(tag);
        el.textContent = value;
        if (className) el.className = className;
        return el;
    }

    function build(block, container) {
        var d = block.dataset;
        var map = L.map(container, { zoomControl: false, keyboard: true });
        L.control.zoom({ zoomInTitle: d.zoomIn, zoomOutTitle: d.zoomOut }).addTo(map);
        // Our own attribution, built from text (never configuration HTML); Leaflet's prefix without its English title.
        var link = document.createElement('a');
        link.href = d.attributionUrl;
        link.textContent = d.attribution;
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        map.attributionControl.addAttribution(link.outerHTML);
        L.tileLayer(d.tiles, { maxZoom: parseInt(d.maxZoom, 10) || 19 }).addTo(map);

        var bounds = [];
        document.querySelectorAll(d.points + ' [data-lat][data-lon]').forEach(function (item) {
            var lat = parseFloat(item.dataset.lat), lon = parseFloat(item.dataset.lon);
            if (isNaN(lat) || isNaN(lon)) return;
            var popup = document.createElement('div');
            var a = text('a', item.dataset.name);
            a.href = item.dataset.url;
            popup.appendChild(a);
            if (item.dataset.place) popup.appendChild(text('p', item.dataset.place));
            L.marker([lat, lon], { alt: item.dataset.name, title: item.dataset.name, keyboard: true })
                .bindPopup(popup).addTo(map);
            bounds.push([lat, lon]);
        });
        map.on('popupopen', function (e) {
            var close = e.popup.getElement() && e.popup.getElement().querySelector('.leaflet-popup-close-button');
            if (close) close.setAttribute('aria-label', d.close);
        });
        if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
        else map.setView([52.1, 5.3], 7);
        return map;
    }

    document.querySelectorAll('[data-map]').forEach(function (block) {
        var button = block.querySelector('[data-map-toggle]');
        var container = block.querySelector('.map');
        var map = null;
        block.hidden = false;
        button.addEventListener('click', function () {
            var open = button.getAttribute('aria-expanded') === 'true';
            button.setAttribute('aria-expanded', String(!open));
            button.textContent = open ? block.dataset.showText : block.dataset.hideText;
            container.hidden = open;
            if (open) return;
            loadLeaflet(block.dataset.leaflet).then(function () {
                if (map) map.invalidateSize();
                else map = build(block, container);
            }).catch(function () {
                container.hidden = true;
                button.setAttribute('aria-expanded', 'false');
                button.textContent = block.dataset.showText;
            });
        });
    });
})();
