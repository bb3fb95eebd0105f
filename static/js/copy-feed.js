// The calendar page: copy the private address in one tap, where the browser can.
(function () {
  "use strict";
  var field = document.getElementById("feed-url");
  var button = document.getElementById("copy-feed");
  var done = document.getElementById("copy-done");
  field.addEventListener("focus", function () { field.select(); });
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      done.textContent = button.dataset.done;
    }, function () {
      field.focus();
    });
  });
})();
