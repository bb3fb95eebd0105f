// Pre-order: − and + change the number here, and the estimated total follows; one tap
// on "Order" then saves. Without JavaScript each − or + is a small form post instead.
(function () {
  "use strict";
  function euros(cents) {
    var lang = document.documentElement.lang || "fr";
    return new Intl.NumberFormat(lang === "en" ? "en-IE" : lang + "-BE", {
      style: "currency", currency: "EUR"
    }).format(cents / 100);
  }
  function start() {
    document.querySelectorAll("form[data-order]").forEach(function (form) {
      var output = form.querySelector("[data-total]");
      function total() {
        var cents = 0;
        form.querySelectorAll(".dish").forEach(function (dish) {
          var input = dish.querySelector("input");
          cents += (parseInt(input.value, 10) || 0) * (parseInt(dish.dataset.price, 10) || 0);
        });
        if (output) { output.textContent = euros(cents); }
      }
      form.addEventListener("click", function (event) {
        var button = event.target.closest("[data-step]");
        if (!button) { return; }
        event.preventDefault();
        var input = button.closest(".counter").querySelector("input");
        var value = (parseInt(input.value, 10) || 0) + parseInt(button.dataset.step, 10);
        input.value = Math.max(0, Math.min(parseInt(input.max, 10) || 0, value));
        total();
      });
      form.addEventListener("input", total);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
