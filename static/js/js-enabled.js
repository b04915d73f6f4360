// The first thing in <body>, as NHS.UK frontend's page template does it (there inline; here a
// file, so the Content Security Policy needs no inline script). It runs before the rest of
// the body is parsed, so the module that calls initAll() always finds these classes.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
