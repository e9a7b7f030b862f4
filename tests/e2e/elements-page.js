// The test page of the custom elements: ?element=eligibility (or savings, …)
// puts that element on the page, with any other query parameters as its
// attributes; html[data-ready] is set once it has loaded its engine, and every
// community-budget:answer event's detail is kept in window.answers.
import "/pkg/elements.js";

const params = new URLSearchParams(location.search);
const element = document.createElement(`community-budget-${params.get("element") ?? "eligibility"}`);
element.id = params.get("id") ?? "el";
for (const [name, value] of params) if (name !== "element" && name !== "id") element.setAttribute(name, value);
window.answers = [];
document.addEventListener("community-budget:answer", (e) => window.answers.push(e.detail));
document.addEventListener("community-budget:ready", () => { document.documentElement.dataset.ready = "true"; });
document.getElementById("host").append(element);
