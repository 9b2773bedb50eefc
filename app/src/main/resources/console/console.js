// The console's own few behaviours; htmx does the rest. No inline scripts (the page's CSP forbids them).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute("data-copy"));
  var said = document.getElementById("copied");
  field.select();
  var done = function () { if (said) { said.textContent = "Copied to the clipboard."; } };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () {
      if (said) { said.textContent = "Select the link and copy it (Ctrl+C)."; }
    });
  } else if (document.execCommand && document.execCommand("copy")) {
    done();
  } else if (said) {
    said.textContent = "Select the link and copy it (Ctrl+C).";
  }
});
