// Keyboard shortcuts for the review queue (/matches): C confirm, R reject,
// U unsure, J next, K previous. Every shortcut presses a button or follows
// a link that is on the page anyway; nothing happens while typing a reason.
"use strict";
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
    return;
  }
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) {
    return;
  }
  var key = (event.key || "").toLowerCase();
  var el = document.querySelector('#match-review [data-key="' + key + '"]');
  if (!el) {
    return;
  }
  event.preventDefault();
  el.click();
});
