// The design demo's Alpine.js components (templates/pages/demo.html). Small pieces of state
// fit in the page itself (x-data="{ open: false }"); anything with a function body goes
// here, in Alpine.data, because the Content-Security-Policy runs scripts from the app's files
// only and Alpine's CSP build reads only simple expressions in attributes.
document.addEventListener("alpine:init", () => {
  // toast shows a message in the corner for a few seconds. x-data="toast" on an element gives
  // it `visible` and `notify()`; press the button again and the message stays a little longer.
  Alpine.data("toast", () => ({
    visible: false,
    timer: null,

    notify() {
      this.visible = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.visible = false; }, 3000);
    },

    // destroy runs when Alpine removes the element: no timer left behind.
    destroy() {
      clearTimeout(this.timer);
    },
  }));
});
