// While a letter is written (/letters/write/): published answers like it, beside the form. Progressive
// enhancement only: without scripts the form works as before and the list stays hidden. Reads the
// subject and the letter, waits until typing pauses, then asks GET /api/v1/letters/suggestions.
(function () {
  "use strict";
  var box = document.querySelector("[data-letter-suggestions]");
  var form = document.querySelector(".letter-form");
  if (!box || !form || !window.fetch) {
    return;
  }
  var list = box.querySelector("ul");
  var endpoint = box.getAttribute("data-letter-suggestions");
  var fields = ["subject", "body"].map(function (name) {
    return form.elements.namedItem(name);
  });
  var agency = form.elements.namedItem("agency");
  var timer = null;
  var last = "";

  function show(results) {
    list.textContent = "";
    results.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      link.target = "_blank";
      link.rel = "noopener";
      li.appendChild(link);
      list.appendChild(li);
    });
    box.hidden = results.length === 0;
  }

  function ask() {
    var text = fields
      .map(function (field) {
        return field ? field.value : "";
      })
      .join(" ")
      .trim()
      .slice(0, 2000);
    var code = agency && agency.value ? agency.value : "";
    var key = code + "|" + text;
    if (key === last) {
      return;
    }
    last = key;
    if (text.length < 2) {
      show([]);
      return;
    }
    var url = endpoint + "?q=" + encodeURIComponent(text) + (code ? "&agency=" + encodeURIComponent(code) : "");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        show(data.results || []);
      })
      .catch(function () {
        show([]);
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 500);
  }

  fields.concat([agency]).forEach(function (field) {
    if (field) {
      field.addEventListener("input", later);
      field.addEventListener("change", later);
    }
  });
})();
