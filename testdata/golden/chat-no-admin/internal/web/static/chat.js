// The chat page's behaviour (templates/pages/chat.html), as an Alpine.js component: send a
// question, show the answer's tokens as they stream in, stop it. Earlier messages were
// rendered by the server. The code lives in this file, not in the page, because the
// Content-Security-Policy runs scripts from the app's files only; and in Alpine.data, not in
// x-data="...", because Alpine's CSP build reads only simple expressions in attributes.
document.addEventListener("alpine:init", () => {
  // Alpine's CSP build has no x-html, so that no expression in a page can write HTML. The
  // chat needs it once: to show an answer as the HTML the server rendered from markdown and
  // sanitised (internal/chat/markdown.go). x-answer-html="expr" does that and nothing else.
  Alpine.directive("answer-html", (el, { expression }, { effect, evaluateLater }) => {
    const html = evaluateLater(expression);
    effect(() => html((value) => { el.innerHTML = value || ""; }));
  });

  Alpine.data("chat", () => ({
    conversationId: 0,  // 0 until the server starts a conversation
    model: "",
    documents: false,   // whether the app can answer from the user's documents
    useDocuments: false, // the "Use my documents" toggle, remembered by the browser
    input: "",
    messages: [],       // the messages of this visit
    streaming: false,
    error: "",
    startedHere: false, // whether this page began as a new conversation
    created: null,      // then {id, title} of that conversation, for the list
    controller: null,   // aborting its request is what Stop does

    init() {
      this.conversationId = Number(this.$el.dataset.conversationId);
      this.startedHere = this.conversationId === 0;
      this.model = this.$el.dataset.model;
      this.documents = this.$el.dataset.documents === "true";
      if (this.documents) {
        this.useDocuments = localStorage.getItem(useDocumentsKey) === "true";
        this.$watch("useDocuments", (on) => localStorage.setItem(useDocumentsKey, String(on)));
      }
      this.scrollToEnd();
    },

    async send() {
      const question = this.input.trim();
      if (question === "" || this.streaming) return;
      this.input = "";
      this.error = "";
      this.messages.push({ role: "user", text: question, status: "complete", sources: [] });
      this.messages.push({ role: "assistant", text: "", html: "", model: this.model, status: "streaming", sources: [] });
      const answer = this.messages[this.messages.length - 1]; // Alpine's copy, which updates the page
      this.streaming = true;
      this.controller = new AbortController();
      this.scrollToEnd();
      try {
        const response = await fetch("/api/chat", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(this.request(question)),
          signal: this.controller.signal,
        });
        if (!response.ok) {
          const body = await response.json().catch(() => ({}));
          throw new Error(body.error || "The server answered " + response.status + ".");
        }
        // The address names the conversation from now on, so a reload shows it again, and
        // a conversation this visit started joins the list.
        this.conversationId = Number(response.headers.get("X-Conversation-Id"));
        history.replaceState(null, "", "/chat/" + this.conversationId);
        if (this.startedHere && !this.created) {
          this.created = { id: this.conversationId, title: question };
        }
        await readEvents(response, (event, data) => this.receive(answer, event, data));
        if (answer.status === "streaming") throw new Error("The connection closed before the answer was complete.");
      } catch (err) {
        if (err.name === "AbortError") {
          answer.status = "stopped"; // the server saves what had arrived, marked stopped
        } else {
          answer.status = "failed";
          this.error = err.message;
        }
      } finally {
        this.streaming = false;
        this.controller = null;
      }
    },

    // request is the body of POST /api/chat for question. use_documents is sent only where
    // the app has documents: elsewhere the API does not know the field.
    request(question) {
      const body = { message: question, conversation_id: this.conversationId, model: this.model };
      if (this.documents) body.use_documents = this.useDocuments;
      return body;
    },

    stop() {
      this.controller?.abort();
    },

    // sendOnEnter sends on Enter; Shift+Enter types a new line as usual.
    sendOnEnter(event) {
      if (event.shiftKey) return;
      event.preventDefault();
      this.send();
    },

    // receive handles one event of the stream.
    receive(answer, event, data) {
      if (event === "sources") {
        answer.sources = data; // [{n, title, link...}], listed under the answer
      } else if (event === "token") {
        answer.text += data.text;
        this.scrollToEnd();
      } else if (event === "done") {
        answer.html = data.html;
        answer.model = data.model;
        answer.status = "complete";
        if (this.created) this.created.title = data.title; // the server's, shortened
      } else if (event === "error") {
        answer.status = "failed";
        this.error = data.message;
      }
    },

    scrollToEnd() {
      this.$nextTick(() => { this.$refs.messages.scrollTop = this.$refs.messages.scrollHeight; });
    },
  }));
});

// useDocumentsKey is where the browser keeps the "Use my documents" toggle.
const useDocumentsKey = "chat.useDocuments";

// readEvents reads a response of server-sent events and calls onEvent(name, data) for each.
// (The browser's EventSource cannot send a POST, so fetch() reads the stream itself.)
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) { // a blank line ends an event
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      let event = "message", data = "";
      for (const line of lines) {
        if (line.startsWith("event: ")) event = line.slice(7);
        if (line.startsWith("data: ")) data += line.slice(6);
        // A line starting with ":" is a comment: the server's keep-alive.
      }
      if (data !== "") onEvent(event, JSON.parse(data));
    }
  }
}
