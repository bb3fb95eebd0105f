// Read a recipe step aloud with the phone's own voice, where the browser can.
// The buttons stay hidden where it cannot (and without JavaScript).
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    return;
  }
  function start() {
    document.querySelectorAll(".read-aloud").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var step = button.closest("li").querySelector(".step-text");
        var recipe = button.closest("[lang]:not(button)");
        window.speechSynthesis.cancel();
        var utterance = new SpeechSynthesisUtterance(step.textContent);
        utterance.lang = recipe ? recipe.getAttribute("lang") : document.documentElement.lang;
        utterance.rate = 0.9;
        window.speechSynthesis.speak(utterance);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
