// Marks the page as scripted before it paints, as NHS.UK frontend expects. A file rather than
// an inline script, so the Content-Security-Policy can refuse every inline script (ADR 0021).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
