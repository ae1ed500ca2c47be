// The lobby screen (docs/lobby.md): back to the start page after a time without a touch, and the
// on-screen keyboard of the search page. No inline script: the idle time is the body's
// data-idle-seconds, the start page its data-start-url.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var startUrl = body.getAttribute("data-start-url") || "/lobby/";
  var isStart = body.hasAttribute("data-start");

  if (seconds > 0) {
    var timer = null;
    var warningTimer = null;
    // Before going back, a warning that any touch keeps the page (time to react: WCAG 2.2.1).
    var warning = document.getElementById("lobby-warning");
    var warnBefore = Math.min(20, Math.floor(seconds / 2));
    var goHome = function () {
      if (isStart) {
        window.scrollTo(0, 0);
        restart();
      } else {
        window.location.replace(startUrl);
      }
    };
    var restart = function () {
      window.clearTimeout(timer);
      window.clearTimeout(warningTimer);
      if (warning && !warning.hidden) {
        warning.hidden = true;
      }
      timer = window.setTimeout(goHome, seconds * 1000);
      if (warning && warnBefore > 0) {
        warningTimer = window.setTimeout(function () {
          warning.hidden = false;
        }, (seconds - warnBefore) * 1000);
      }
    };
    ["pointerdown", "touchstart", "click", "keydown", "wheel", "scroll"].forEach(function (name) {
      window.addEventListener(name, restart, { passive: true, capture: true });
    });
    restart();
  }

  // The on-screen keyboard: keys type into the search box, which asks for no system keyboard.
  var form = document.querySelector("[data-keypad-form]");
  if (form) {
    var input = form.querySelector("input[name=q]");
    var limit = parseInt(input.getAttribute("maxlength"), 10) || 100;
    form.addEventListener("click", function (event) {
      var key = event.target.closest("[data-key], [data-key-action]");
      if (!key) {
        return;
      }
      var value = input.value;
      var action = key.getAttribute("data-key-action");
      if (action === "clear") {
        value = "";
      } else if (action === "back") {
        value = Array.from(value).slice(0, -1).join("");
      } else {
        var typed = key.getAttribute("data-key");
        // A topic word is a word of its own: a space before it unless the box is empty.
        if (typed.length > 1 && value && !/\s$/.test(value)) {
          typed = " " + typed;
        }
        value = (value + typed).slice(0, limit);
      }
      input.value = value;
    });
    form.addEventListener("submit", function () {
      input.value = input.value.replace(/\s+/g, " ").trim();
    });
  }
})();
