// Sign-up forms: with JavaScript, the age fields follow the number of children at once, and the
// "show the age fields" button (needed without JavaScript) goes away. Nothing else depends on this file.
(function () {
    "use strict";
    document.querySelectorAll("form").forEach(function (form) {
        var select = form.querySelector("[data-children]");
        if (!select) return;
        form.querySelectorAll("[data-no-js]").forEach(function (b) { b.hidden = true; });
        var update = function () {
            var n = parseInt(select.value, 10) || 1;
            form.querySelectorAll("[data-child]").forEach(function (fs) {
                fs.hidden = parseInt(fs.getAttribute("data-child"), 10) >= n;
            });
        };
        select.addEventListener("change", update);
        update();
    });
})();
