// Storyline pages: small behaviours that need no library. No article text is ever put
// into the page as HTML from here; only elements the server rendered are shown or hidden.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.getElementById("toggle-removed");
  if (toggle) {
    var apply = function () {
      document.body.classList.toggle("hide-removed", !toggle.checked);
    };
    toggle.addEventListener("change", apply);
    apply();
  }
  // A link to a sentence (#c123) marks the sentence's anchor so the eye finds it.
  if (location.hash && /^#c\d+$/.test(location.hash)) {
    var anchor = document.getElementById(location.hash.slice(1));
    if (anchor) { anchor.classList.add("target"); }
  }
});
