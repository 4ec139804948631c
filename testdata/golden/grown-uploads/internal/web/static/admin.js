// The admin's behaviour in the browser (templates/pages/admin_form.html): the search box of
// a ForeignKey to a big table. It lives in a file because the Content-Security-Policy runs
// scripts from the app's files only, and in Alpine.data because Alpine's CSP build reads only
// simple expressions in attributes (no function bodies, no setting a DOM property).
document.addEventListener("alpine:init", () => {
  Alpine.data("lookup", () => ({
    // choose puts the row of a result (a button of partials/admin_lookup.html) in the form. It
    // reads the button's data-id and data-label, so no value from the database becomes code.
    choose(button) {
      this.$refs.id.value = button.dataset.id;
      this.$refs.chosen.textContent = button.dataset.label;
      this.$refs.results.replaceChildren();
    },

    // clear leaves the field empty (for an optional ForeignKey).
    clear() {
      this.$refs.id.value = "";
      this.$refs.chosen.textContent = "None chosen";
    },
  }));
});
