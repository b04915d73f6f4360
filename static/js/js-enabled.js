// Runs before the body renders so NHS.UK components style themselves for JavaScript.
document.documentElement.classList.add("js-enabled");
document.addEventListener("DOMContentLoaded", () => {
  document.body.classList.add("js-enabled");
  if ("noModule" in HTMLScriptElement.prototype) {
    document.body.classList.add("nhsuk-frontend-supported");
  }
});
