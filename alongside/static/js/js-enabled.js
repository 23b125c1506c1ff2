// GOV.UK Frontend styles its components for JavaScript once the body has these classes. A
// file, not an inline script, so the Content-Security-Policy can refuse every inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
