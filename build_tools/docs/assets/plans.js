// Copy buttons of the citation boxes and paragraph citations: one click copies the text in data-copy.
// A GB/T 7714 reference gets the reader's access date in place of [引用日期].
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.plan-copy") : null;
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy").replace("[引用日期]", "[" + today() + "]");
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      window.setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  });
})();

// A retired paragraph anchor (an alias left by the identifier register) sends the reader to its successor.
(function () {
  "use strict";
  function follow() {
    if (!location.hash) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.classList.contains("plan-alias")) {
      // Only to another page of this site (the register admits nothing else; this guards the reader too).
      var next = new URL(target.getAttribute("data-redirect"), location.href);
      if (next.origin === location.origin && /^(https?|file):$/.test(next.protocol)) {
        location.replace(next.href);
      }
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
